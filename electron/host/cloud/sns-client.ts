import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SNSClientConfig } from '@aws-sdk/client-sns';
import type { AwsAccess } from './cloud-config';
import type { SnsApiFactory } from './sns-sender';

/**
 * SNS clients from the same chain as DynamoDB's (settings credentials, profile, environment), one
 * per topic region; the SDK also reads AWS_ENDPOINT_URL_SNS for a compatible server.
 */
export function snsApiFactory(access: AwsAccess, secretAccessKey: string | undefined, requestTimeoutMs: number): SnsApiFactory {
  return (region) => {
    const options: SNSClientConfig = {
      region,
      maxAttempts: 1,
      requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: Math.min(requestTimeoutMs, 5_000) },
    };
    if (access.accessKeyId !== undefined && secretAccessKey !== undefined) {
      options.credentials = { accessKeyId: access.accessKeyId, secretAccessKey };
    } else if (access.profile !== undefined) {
      options.profile = access.profile;
    }
    const client = new SNSClient(options);
    return {
      publish: (input) => client.send(new PublishCommand(input)),
      destroy: () => client.destroy(),
    };
  };
}
