import type { Migration } from './migration';

// Incidents (issue 10). An incident that opened long before a report's period and still stood in
// it is found by asking, for each alarm point, for its last transition before the period and its
// last presentation: with this index each is one seek per point, not a scan of the transitions.

export const MIGRATION_005: Migration = {
  version: 5,
  description: 'alarm transitions by alarm and time, for incidents standing at the start of a period',
  sql: `
    CREATE INDEX alarm_transitions_alarm_at ON alarm_transitions(alarm_id, at);
  `,
};
