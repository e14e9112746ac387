import { UsageError } from '../config/parse-args';
import type { CloudSettings } from '../config/cloud-schema';

// The cloud link's configuration after flag > environment > settings file > default. The AWS
// SDK's own variables (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID …)
// keep their meaning; the cloud link starts only when settings (or EMBERWATCH_CLOUD=1) say so, so a
// machine that merely has AWS variables set never talks to AWS by surprise.

type Env = Readonly<Record<string, string | undefined>>;

/** The seed's three tables (part 1.3), each name with the environment suffix applied. */
export interface CloudTables {
  readonly raw_data: string;
  readonly device_state: string;
  readonly alerts: string;
}

export type CloudTableRole = keyof CloudTables;

export interface CloudConfig extends AwsAccess {
  /** A DynamoDB-compatible server (DynamoDB Local, dynalite …); undefined: AWS itself. */
  readonly endpoint: string | undefined;
  readonly tables: CloudTables;
  readonly mirrorReadings: boolean;
  readonly mirrorDeviceState: boolean;
  readonly stateEveryMs: number;
  readonly writeAlerts: boolean;
  readonly readAlerts: boolean;
  readonly readFleet: boolean;
  readonly backfill: boolean;
  readonly backfillMs: number;
  readonly pollMs: number;
  readonly requestTimeoutMs: number;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function envFlag(env: Env): boolean | undefined {
  const text = nonEmpty(env.EMBERWATCH_CLOUD);
  if (text === undefined) return undefined;
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  throw new UsageError(`EMBERWATCH_CLOUD must be 0 or 1, got ${JSON.stringify(text)}`);
}

/** `dev` or `-dev` → `-dev`; empty → no suffix (the seed's templates deployed `-dev` and `-prod`). */
export function environmentSuffix(environment: string): string {
  const trimmed = environment.trim().replace(/^-+/, '');
  return trimmed === '' ? '' : `-${trimmed}`;
}

function tableName(base: string, suffix: string, field: string): string {
  const name = `${base.trim()}${suffix}`;
  if (!TABLE_NAME.test(name)) {
    throw new UsageError(`settings cloud.${field} with the environment suffix gives ${JSON.stringify(name)}, which is not a DynamoDB table name (3–255 of A–Z, a–z, 0–9, _ - .)`);
  }
  return name;
}

function checkEndpoint(url: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${origin} is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`${origin} must start with http:// or https://, got ${JSON.stringify(url)}`);
  }
  return url;
}

/** Who this console is to AWS and where: shared by the DynamoDB link and the SNS sender. */
export interface AwsAccess {
  /** Undefined: the SDK's chain decides (AWS_REGION, the profile's region). */
  readonly region: string | undefined;
  readonly profile: string | undefined;
  /** Static credentials from settings; undefined: the SDK's chain (environment, shared files, SSO, IMDS …). */
  readonly accessKeyId: string | undefined;
  /** The secret as settings.json holds it: sealed (see secret-box.ts), or plain until it is sealed. */
  readonly secretAccessKey: string | undefined;
}

export function awsAccess(settings: CloudSettings, env: Env): AwsAccess {
  // Credentials in the environment win over those in settings (the SDK's chain reads them first).
  const fromEnv = nonEmpty(env.AWS_ACCESS_KEY_ID) !== undefined;
  return {
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? nonEmpty(settings.region),
    profile: nonEmpty(env.AWS_PROFILE) ?? nonEmpty(settings.profile),
    accessKeyId: fromEnv ? undefined : nonEmpty(settings.access_key_id),
    secretAccessKey: fromEnv ? undefined : nonEmpty(settings.secret_access_key),
  };
}

/** Whether the cloud link is on at all; nothing of it starts (and nothing is logged) when it is not. */
export function cloudWanted(settings: CloudSettings, env: Env): boolean {
  return envFlag(env) ?? settings.enabled;
}

/** The configuration, or null when the cloud link is off. */
export function resolveCloudConfig(settings: CloudSettings, env: Env): CloudConfig | null {
  if (!cloudWanted(settings, env)) return null;
  const suffix = environmentSuffix(settings.environment);
  const endpointFromEnv = nonEmpty(env.AWS_ENDPOINT_URL_DYNAMODB) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const endpointFromSettings = nonEmpty(settings.endpoint);
  const endpoint =
    endpointFromEnv !== undefined
      ? checkEndpoint(endpointFromEnv, 'AWS_ENDPOINT_URL_DYNAMODB')
      : endpointFromSettings !== undefined
        ? checkEndpoint(endpointFromSettings, 'settings cloud.endpoint')
        : undefined;
  return {
    ...awsAccess(settings, env),
    endpoint,
    tables: {
      raw_data: tableName(settings.tables.raw_data, suffix, 'tables.raw_data'),
      device_state: tableName(settings.tables.device_state, suffix, 'tables.device_state'),
      alerts: tableName(settings.tables.alerts, suffix, 'tables.alerts'),
    },
    mirrorReadings: settings.mirror.readings,
    mirrorDeviceState: settings.mirror.device_state,
    stateEveryMs: settings.mirror.state_every_s * 1000,
    writeAlerts: settings.alerts.write,
    readAlerts: settings.alerts.read,
    readFleet: settings.fleet.read,
    backfill: settings.backfill.enabled,
    backfillMs: settings.backfill.hours * 3_600_000,
    pollMs: settings.poll_s * 1000,
    requestTimeoutMs: settings.request_timeout_s * 1000,
  };
}
