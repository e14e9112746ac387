/**
 * The settings file's schema, declared once as data. The same table validates settings.json on
 * load (errors name the field), supplies defaults, and is meant to generate the configuration
 * reference, so a setting cannot exist without a type, a default and a description.
 */

import { BACKUP_SETTINGS_SPEC, HEALTH_SETTINGS_SPEC, LOG_SETTINGS_SPEC } from './operation-schema';
import { CLOUD_SETTINGS_SPEC } from './cloud-schema';

export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'object' | 'array';

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly description: string;
  readonly default?: unknown;
  readonly min?: number;
  readonly max?: number;
  readonly values?: ReadonlyArray<string>;
  /** For objects: the known keys. Unknown keys are an error, so a typo never goes unnoticed. */
  readonly fields?: { readonly [key: string]: FieldSpec };
  /** For arrays: the schema of each item. */
  readonly items?: FieldSpec;
  /** Free-form objects (e.g. scoring overrides checked by their own validator). */
  readonly open?: boolean;
  readonly required?: boolean;
}

const connectionSpec: FieldSpec = {
  kind: 'object',
  description: 'One MQTT connection.',
  fields: {
    id: { kind: 'string', description: 'A short name shown in health and logs.', required: true },
    url: { kind: 'string', description: 'mqtt://, mqtts://, ws:// or wss:// URL of the broker.', required: true },
    client_id: { kind: 'string', description: 'MQTT client id; a unique one per console is generated when absent.' },
    username: { kind: 'string', description: 'Broker user name.' },
    topics: {
      kind: 'array',
      description: 'Topic filters to subscribe to.',
      items: { kind: 'string', description: 'An MQTT topic filter.' },
      default: ['fire-prediction/device/+/data'],
    },
    qos: { kind: 'integer', description: 'Subscription QoS.', min: 0, max: 1, default: 1 },
    password_file: { kind: 'string', description: 'A file holding the broker password (kept out of settings.json).' },
    ca_file: { kind: 'string', description: 'PEM file of the CA that signed the broker certificate (AWS: AmazonRootCA1.pem).' },
    cert_file: { kind: 'string', description: 'PEM client certificate for mutual TLS (AWS IoT Core).' },
    key_file: { kind: 'string', description: 'PEM private key of the client certificate.' },
    alpn: {
      kind: 'array',
      description: 'TLS ALPN protocols; AWS IoT Core on port 443 gets x-amzn-mqtt-ca by itself.',
      items: { kind: 'string', description: 'An ALPN protocol name.' },
    },
    protocol_version: { kind: 'integer', description: 'MQTT version: 5, or 4 for 3.1.1-only brokers.', min: 4, max: 5, default: 5 },
    clean_session: { kind: 'boolean', description: 'Start with a clean session (loses what was published while away).', default: false },
    session_expiry_s: { kind: 'integer', description: 'MQTT 5 session expiry: how long the broker keeps messages for us while away.', min: 0, max: 4294967295, default: 86400 },
    keepalive_s: { kind: 'integer', description: 'MQTT keepalive, seconds.', min: 5, max: 3600, default: 30 },
    receive_maximum: {
      kind: 'integer',
      description: 'MQTT 5 receive maximum: QoS 1 messages the broker may send us unacknowledged. Mosquitto 2 takes this, not its max_inflight_messages, as an MQTT 5 client\'s window.',
      min: 1,
      max: 65535,
      default: 1000,
    },
    limit_per_s: { kind: 'number', description: 'The broker\'s publish-rate limit for this connection (AWS IoT: 100), shown and warned against.', min: 1 },
  },
};

const operatorSpec: FieldSpec = {
  kind: 'object',
  description: 'An operator who may sign in at a station.',
  fields: {
    name: { kind: 'string', description: 'The name the operator signs in with (and every journal entry carries).', required: true },
    role: { kind: 'enum', values: ['operator', 'supervisor', 'viewer'], description: 'What the operator may do.', default: 'operator' },
    pin_hash: {
      kind: 'string',
      description: 'The PIN as an scrypt hash (scrypt$N$r$p$salt$hash, made by `tsx electron/host/cli/hash-pin.ts`); without it the PIN is set at the first sign-in that gives one.',
    },
  },
};

/** Issue 7: the alarm system. Anything not named here can be set in `config` (shared/alarms AlarmConfig). */
const alarmsSpec: FieldSpec = {
  kind: 'object',
  description: 'Alarms: priorities, shelving, silence, escalation, sharing between stations, operators.',
  fields: {
    priorities: {
      kind: 'object',
      open: true,
      description: 'Priority per alarm source, e.g. {"co_alarm": "critical"} (critical, high, medium, low).',
      default: {},
    },
    shelve_max_minutes: { kind: 'number', description: 'Longest timed shelve for an operator (a supervisor may go beyond, up to supervisor_shelve_max_minutes).', min: 1, max: 10080, default: 480 },
    supervisor_shelve_max_minutes: { kind: 'number', description: 'Longest timed shelve for a supervisor.', min: 1, max: 525600, default: 10080 },
    resound_minutes: { kind: 'number', description: 'A silenced, unacknowledged critical alarm sounds again after this long.', min: 0.1, max: 1440, default: 5 },
    escalation_minutes: { kind: 'number', description: 'A critical alarm unacknowledged this long is sent beyond the room (SNS topics, webhook).', min: 0.1, max: 1440, default: 3 },
    webhook_url: { kind: 'string', description: 'http(s) URL that escalations are POSTed to (JSON), retried until it answers 2xx.' },
    site_key_file: {
      kind: 'string',
      description: 'A file holding the site key that signs alarm actions shared between stations over MQTT; without it sharing is off.',
    },
    default_role: { kind: 'enum', values: ['operator', 'viewer'], description: 'Role of a name not listed in operators.', default: 'operator' },
    operators: { kind: 'array', description: 'Named operators and supervisors.', items: operatorSpec, default: [] },
    wall_displays: {
      kind: 'array',
      description: 'Station names that are wall displays (read-only), besides screens started with --kiosk or /wall.',
      items: { kind: 'string', description: 'A station name.' },
      default: [],
    },
    monitoring_grace_s: { kind: 'number', description: 'Monitoring must be lost this long before it is an alarm (a start-up connects within it).', min: 0, max: 3600, default: 15 },
    config: {
      kind: 'object',
      open: true,
      description: 'Any further part of the alarm configuration (shared/alarms/config.ts AlarmConfig), checked field by field.',
      default: {},
    },
  },
};

export const SETTINGS_SCHEMA: FieldSpec = {
  kind: 'object',
  description: 'Emberwatch settings (settings.json in the data directory).',
  fields: {
    site: {
      kind: 'object',
      description: 'The site this console watches.',
      fields: {
        name: { kind: 'string', description: 'Shown in the header and on reports.', default: 'Emberwatch site' },
      },
    },
    server: {
      kind: 'object',
      description: 'Serve mode (browser console and REST API).',
      fields: {
        port: { kind: 'integer', description: 'HTTP port (0 picks a free one).', min: 0, max: 65535, default: 5780 },
        host: { kind: 'string', description: 'Address to listen on. Beyond loopback, writes need EMBERWATCH_TOKEN.', default: '127.0.0.1' },
      },
    },
    mqtt: {
      kind: 'object',
      description: 'Where device readings come from.',
      fields: {
        connections: {
          kind: 'array',
          description: 'Broker connections. Empty: the embedded demo broker and simulator run unless demo is off.',
          items: connectionSpec,
          default: [],
        },
      },
    },
    demo: {
      kind: 'object',
      description: 'The embedded broker and simulated fleet used when no broker is configured.',
      fields: {
        enabled: { kind: 'boolean', description: 'Start the demo fleet when no connection is configured.', default: true },
        devices: { kind: 'integer', description: 'Simulated devices.', min: 1, max: 20000, default: 48 },
        period_s: { kind: 'number', description: 'Reporting period of each simulated device, seconds.', min: 0.1, max: 600, default: 2 },
        zones: { kind: 'integer', description: 'Zones the simulated devices are spread over.', min: 1, max: 1000, default: 6 },
        seed: { kind: 'integer', description: 'Seed that makes the simulated fleet repeatable.', default: 1 },
        scenario: {
          kind: 'string',
          description: 'The simulator\'s scenario: "mix:0.15" (default), or forced ones such as "sensor-fault:DEV0001" (npm run simulate -- --help).',
          default: 'mix:0.15',
        },
      },
    },
    ui: {
      kind: 'object',
      description: 'Console presentation.',
      fields: {
        language: { kind: 'enum', values: ['en', 'ko'], description: 'Language of messages and recommendations.', default: 'en' },
      },
    },
    storage: {
      kind: 'object',
      description: 'The local history (emberwatch.db): how long each kind of data is kept and how large the file may grow. Alarms and the journal are kept for good.',
      fields: {
        raw_days: { kind: 'number', description: 'Days every raw reading is kept.', min: 0.01, max: 3650, default: 7 },
        rollup_days: { kind: 'number', description: 'Days the 1-minute roll-ups (charts of weeks and months) are kept.', min: 1, max: 36500, default: 400 },
        events_days: { kind: 'number', description: 'Days analytics events are kept.', min: 1, max: 36500, default: 30 },
        quarantine_days: { kind: 'number', description: 'Days quarantined messages are kept.', min: 1, max: 36500, default: 30 },
        size_cap_gb: {
          kind: 'number',
          description: 'Largest size of the history, GB (10^9 bytes); past it the oldest raw readings are expired first, then the oldest roll-ups.',
          min: 0.01,
          default: 20,
        },
      },
    },
    scoring: {
      kind: 'object',
      open: true,
      description: 'Overrides of the scoring thresholds and weights (checked by the scoring engine).',
      default: {},
    },
    alarms: alarmsSpec,
    cloud: CLOUD_SETTINGS_SPEC,
    backup: BACKUP_SETTINGS_SPEC,
    logs: LOG_SETTINGS_SPEC,
    health: HEALTH_SETTINGS_SPEC,
  },
};
