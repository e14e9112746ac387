import type { Migration } from './migration';

// The console's own history. Times are epoch milliseconds (UTC) in INTEGER columns: event time
// (`ts`, `at` of events) drives charts and retention, receive time only liveness and quarantine.
//
// readings is a rowid table with a unique (device_key, ts) index rather than a table clustered by
// device: rows append at the end of the table, and only the small index entries land in each
// device's part of the index, which keeps a commit's dirty pages few with thousands of devices.
// The unique index is also the key that makes a redelivered reading replace rather than duplicate.

export const MIGRATION_002: Migration = {
  version: 2,
  description: 'readings, 1-minute roll-ups, device state, quarantine, analytics events, cloud outbox, settings history',
  sql: `
    -- Every row of readings and roll-ups names its device by this small number, not by its text id.
    CREATE TABLE device_keys (
      device_key INTEGER PRIMARY KEY,
      device_id TEXT NOT NULL UNIQUE
    ) STRICT;

    -- One row per scored reading (the seed's RawData with its results).
    --   codes: bits 0-2 risk level (0 NORMAL … 4 CRITICAL), bits 3-4 temperature risk (0 LOW … 3 CRITICAL),
    --          bits 5-8 validation errors (voltage, current, PCB temperature, sensor temperature),
    --          bit 9 the STATUS_VERIFY_MISMATCH warning, bits 10+ ingest flags (1024 LATE, 2048 CLOCK_SKEW).
    --   Score columns are NULL only where the arithmetic gave NaN.
    CREATE TABLE readings (
      device_key INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      receive_lag_ms INTEGER NOT NULL,
      idx INTEGER NOT NULL,
      status_bits INTEGER NOT NULL,
      verify_status INTEGER,
      codes INTEGER NOT NULL,
      voltage REAL NOT NULL,
      voltage_low REAL NOT NULL,
      current REAL NOT NULL,
      leakage_current REAL NOT NULL,
      resistive_leakage REAL NOT NULL,
      power REAL NOT NULL,
      pcb_temperature REAL NOT NULL,
      sensor_temperature REAL NOT NULL,
      co REAL NOT NULL,
      voc REAL NOT NULL,
      power_factor REAL NOT NULL,
      arc_count INTEGER NOT NULL,
      electrical_risk_score REAL,
      gas_risk_score REAL,
      temperature_score REAL,
      total_risk_score REAL,
      rule_based_risk REAL,
      status_risk REAL,
      pattern_risk REAL,
      risk_modifier REAL,
      risk_score REAL,
      confidence REAL
    ) STRICT;
    CREATE UNIQUE INDEX readings_device_ts ON readings(device_key, ts);

    -- 1-minute aggregates per device: n readings; min, max and sum (avg = sum / n) of each measure,
    -- temperature being max(PCB, sensor) as the seed's charts drew it; risk, arcs and alarm bits.
    -- minute = floor(ts / 60000).
    CREATE TABLE rollups_1m (
      device_key INTEGER NOT NULL,
      minute INTEGER NOT NULL,
      n INTEGER NOT NULL,
      temperature_min REAL, temperature_max REAL, temperature_sum REAL,
      pcb_temperature_min REAL, pcb_temperature_max REAL, pcb_temperature_sum REAL,
      sensor_temperature_min REAL, sensor_temperature_max REAL, sensor_temperature_sum REAL,
      voltage_min REAL, voltage_max REAL, voltage_sum REAL,
      voltage_low_min REAL, voltage_low_max REAL, voltage_low_sum REAL,
      current_min REAL, current_max REAL, current_sum REAL,
      leakage_current_min REAL, leakage_current_max REAL, leakage_current_sum REAL,
      resistive_leakage_min REAL, resistive_leakage_max REAL, resistive_leakage_sum REAL,
      power_min REAL, power_max REAL, power_sum REAL,
      power_factor_min REAL, power_factor_max REAL, power_factor_sum REAL,
      co_min REAL, co_max REAL, co_sum REAL,
      voc_min REAL, voc_max REAL, voc_sum REAL,
      risk_max REAL,
      risk_sum REAL,
      level_max INTEGER NOT NULL,
      arc_sum INTEGER NOT NULL,
      status_or INTEGER NOT NULL,
      alarm_sum INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX rollups_1m_device_minute ON rollups_1m(device_key, minute);

    -- The seed's DeviceState, plus what a restart needs to carry on: the learned reporting period,
    -- how many raw rows are stored, and the minute whose roll-up was still open in memory.
    CREATE TABLE device_state (
      device_key INTEGER PRIMARY KEY,
      first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      period_ms REAL,
      newest_ts INTEGER NOT NULL,
      readings INTEGER NOT NULL,
      stored INTEGER NOT NULL,
      total_alarms INTEGER NOT NULL,
      open_minute INTEGER,
      risk_level INTEGER NOT NULL,
      risk_score REAL,
      last_temperature REAL NOT NULL,
      last_arc_count INTEGER NOT NULL,
      last_status_bits INTEGER NOT NULL,
      last_idx INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE quarantine (
      id INTEGER PRIMARY KEY,
      received_at INTEGER NOT NULL,
      connection TEXT NOT NULL,
      topic TEXT NOT NULL,
      reason TEXT NOT NULL,
      detail TEXT NOT NULL,
      payload_preview TEXT NOT NULL
    ) STRICT;
    CREATE INDEX quarantine_received ON quarantine(received_at);

    -- Analytics events (per device, or per zone), at event time; values as JSON.
    CREATE TABLE analytics_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      event TEXT NOT NULL,
      device_id TEXT,
      zone TEXT,
      severity TEXT NOT NULL,
      event_values TEXT NOT NULL,
      recorded_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX analytics_events_at ON analytics_events(at);
    CREATE INDEX analytics_events_device_at ON analytics_events(device_id, at) WHERE device_id IS NOT NULL;
    CREATE INDEX analytics_events_zone_at ON analytics_events(zone, at) WHERE zone IS NOT NULL;

    -- Writes waiting for the cloud (DynamoDB, SNS, webhooks): kept until delivered.
    CREATE TABLE cloud_outbox (
      id INTEGER PRIMARY KEY,
      created_at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      payload TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT
    ) STRICT;
    CREATE INDEX cloud_outbox_due ON cloud_outbox(next_attempt_at);

    -- The effective settings each time they changed, so a past reading can be judged by the
    -- thresholds of its day.
    CREATE TABLE settings_history (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      source TEXT NOT NULL,
      settings TEXT NOT NULL
    ) STRICT;
  `,
};
