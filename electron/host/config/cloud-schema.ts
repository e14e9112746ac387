import type { FieldSpec } from './settings-schema';

// Issue 9: the cloud link (DynamoDB, the seed's tables). Kept beside settings-schema.ts so the
// schema's table stays readable; settings-schema.ts lists it under `cloud`.

export const CLOUD_SETTINGS_SPEC: FieldSpec = {
  kind: 'object',
  description: 'The cloud link: two-way sync with the source system\'s DynamoDB tables. Off unless enabled; the console works fully without it.',
  fields: {
    enabled: { kind: 'boolean', description: 'Start the cloud link (env EMBERWATCH_CLOUD=1 or 0 overrides).', default: false },
    region: { kind: 'string', description: 'AWS region (env AWS_REGION wins; else the profile\'s region).' },
    profile: { kind: 'string', description: 'Shared config/credentials profile (env AWS_PROFILE wins).' },
    endpoint: {
      kind: 'string',
      description: 'http(s) URL of a DynamoDB-compatible server such as DynamoDB Local (env AWS_ENDPOINT_URL_DYNAMODB wins).',
    },
    access_key_id: { kind: 'string', description: 'Static credentials instead of the AWS chain (environment credentials win).' },
    secret_access_key: {
      kind: 'string',
      description: 'Secret of access_key_id. Entered in plain text, it is sealed on the next start (Electron safeStorage, or a key file readable only by the user) and settings.json keeps only the sealed form.',
    },
    environment: { kind: 'string', description: 'Table name suffix as the seed deployed them: "dev" gives FirePrediction-RawData-dev.', default: '' },
    tables: {
      kind: 'object',
      description: 'Table names, before the environment suffix.',
      fields: {
        raw_data: { kind: 'string', description: 'Readings (device_id + timestamp).', default: 'FirePrediction-RawData' },
        device_state: { kind: 'string', description: 'Each device\'s newest state (device_id).', default: 'FirePrediction-DeviceState' },
        alerts: { kind: 'string', description: 'Alarms and operator actions (device_id + alert_timestamp).', default: 'FirePrediction-Alerts' },
      },
    },
    mirror: {
      kind: 'object',
      description: 'Writing what this console ingests to the cloud, for sites where it is the only ingestion point.',
      fields: {
        readings: { kind: 'boolean', description: 'Mirror every scored reading to RawData.', default: false },
        device_state: { kind: 'boolean', description: 'Mirror device state to DeviceState.', default: false },
        state_every_s: { kind: 'number', description: 'A device\'s state is written at most this often, and at once when its risk level changes.', min: 1, max: 86400, default: 60 },
      },
    },
    alerts: {
      kind: 'object',
      description: 'The Alerts table.',
      fields: {
        write: { kind: 'boolean', description: 'Write this console\'s alarms and operator actions.', default: true },
        read: { kind: 'boolean', description: 'Show alerts of other consoles and of the cloud pipeline in the alarm history.', default: true },
      },
    },
    fleet: {
      kind: 'object',
      description: 'The DeviceState table.',
      fields: {
        read: { kind: 'boolean', description: 'Show devices that this console does not stream itself, with their cloud risk.', default: true },
      },
    },
    backfill: {
      kind: 'object',
      description: 'Filling gaps in the local history from RawData.',
      fields: {
        enabled: { kind: 'boolean', description: 'After an outage, and when a device page opens with a gap.', default: true },
        hours: { kind: 'number', description: 'How far back a gap is looked for.', min: 0.1, max: 720, default: 24 },
      },
    },
    poll_s: { kind: 'number', description: 'How often DeviceState and Alerts are read.', min: 5, max: 86400, default: 60 },
    request_timeout_s: { kind: 'number', description: 'A cloud call that takes longer has failed.', min: 1, max: 300, default: 10 },
  },
};

/** The validated `cloud` settings (mirrors CLOUD_SETTINGS_SPEC). */
export interface CloudSettings {
  readonly enabled: boolean;
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly access_key_id?: string;
  readonly secret_access_key?: string;
  readonly environment: string;
  readonly tables: { readonly raw_data: string; readonly device_state: string; readonly alerts: string };
  readonly mirror: { readonly readings: boolean; readonly device_state: boolean; readonly state_every_s: number };
  readonly alerts: { readonly write: boolean; readonly read: boolean };
  readonly fleet: { readonly read: boolean };
  readonly backfill: { readonly enabled: boolean; readonly hours: number };
  readonly poll_s: number;
  readonly request_timeout_s: number;
}
