import type { IncidentsMessages } from './incidents-messages';

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

export const enIncidents: IncidentsMessages = {
  nav: 'Incidents',
  title: 'Incidents',
  intro: 'An incident runs from a device’s (or a zone cluster’s) first alarm until every alarm in it is back to normal and acknowledged.',
  filters: {
    label: 'Filter incidents',
    from: 'From',
    to: 'To',
    device: 'Device',
    zone: 'Zone',
    priority: 'Priority',
    state: 'State',
    any: 'Any',
    open: 'Open',
    closed: 'Closed',
    reset: 'Clear filters',
  },
  columns: {
    start: 'Start',
    device: 'Device',
    zone: 'Zone',
    firstOut: 'First-out cause',
    priority: 'Highest priority',
    state: 'State',
    duration: 'Duration',
    timeToAck: 'Time to acknowledge',
    outcome: 'Outcome',
    export: 'Report',
  },
  loading: 'Loading incidents…',
  empty: 'No incident matches these filters.',
  count: (n) => (n === 1 ? '1 incident' : `${n} incidents`),
  stillOpen: 'open',
  exportPdf: 'Export PDF',
  exportCsv: 'Export CSV',
  exportLabel: (format, subject) => `Export the report of ${subject} as ${format}`,
  exporting: 'Making the report…',
  exported: (file) => `Saved ${file}`,
  exportFailed: (reason) => `The report could not be made: ${reason}`,
  shift: {
    title: 'Shift report',
    intro: 'Alarms by priority, EEMUA 191 figures, incidents, offline devices, shelved points and operator actions for a period (at most 31 days).',
    from: 'Shift start',
    to: 'Shift end',
    lastShift: 'Last 8 hours',
    badPeriod: 'The end must be after the start.',
  },
  device: {
    title: 'Incidents of this device',
    empty: 'No incident in the last 7 days.',
    all: 'All incidents',
  },
  duration,
  outcomes: {
    open: 'open',
    'open: shelved': 'open, shelved',
    'open: out of service': 'open, out of service',
    'closed: returned from service': 'closed: returned from service',
    'closed: latched, reset by an operator': 'closed: latched, reset by an operator',
    'closed: after shelving': 'closed after shelving',
    'closed: cleared, then acknowledged': 'closed: cleared, then acknowledged',
    'closed: acknowledged, then cleared': 'closed: acknowledged, then cleared',
  },
};
