import { enAlarms } from './en-alarms';
import { enViews } from './en-views';
import type { Messages } from './messages';

export const en: Messages = {
  ...enViews,
  ...enAlarms,
  appTitle: 'Emberwatch',
  emptyValue: '—',
  language: { label: 'Language' },
  link: {
    label: 'Host link',
    state: { connecting: 'Connecting…', live: 'Live', stale: 'Stale', down: 'Link lost' },
    lastMessage: (age) => `last message ${age}`,
    protocolMismatch: (host, ours) => `Host speaks protocol ${host}, this console ${ours}: update and reload`,
  },
  health: {
    label: 'Console health',
    waiting: 'Waiting for console health…',
    status: { ok: 'Console OK', degraded: 'Console degraded', down: 'Console down' },
    ingestRate: (rate) => `${rate} msg/s`,
    connectionsLabel: 'MQTT connections',
    noConnection: 'No connection configured',
    connectionState: {
      connecting: 'connecting',
      connected: 'connected',
      reconnecting: 'reconnecting',
      offline: 'offline',
      closed: 'closed',
    },
    nearLimit: 'near its limit',
    demo: 'Demo fleet',
  },
  grid: {
    label: 'Devices',
    columns: {
      risk: 'Risk',
      deviceId: 'Device',
      name: 'Name',
      zone: 'Zone',
      lastSeen: 'Last seen',
      temperature: 'Temp. °C',
      current: 'Current A',
      status: 'Status',
    },
    loading: 'Loading devices…',
    empty: 'No devices have reported yet.',
    deviceCount: (count) => (count === 1 ? '1 device' : `${count} devices`),
    stale: (asOf) => `Not updating. Showing the last data received, as of ${asOf}.`,
    staleNever: 'Not updating. No data has been received from the console host.',
    noFlags: 'none',
    offline: 'silent',
    unassignedZone: 'unassigned',
  },
  risk: {
    CRITICAL: 'Critical',
    HIGH: 'High',
    MEDIUM: 'Medium',
    LOW: 'Low',
    NORMAL: 'Normal',
    UNSCORED: 'Not scored',
  },
  statusFlags: {
    communication_error: 'Comm error',
    overvoltage: 'Overvoltage',
    power_outage: 'Outage',
    overcurrent: 'Overcurrent',
    total_leakage: 'Leakage',
    resistive_leakage: 'Res. leakage',
    power_anomaly: 'Power',
    pcb_temp_alarm: 'PCB temp',
    sensor_temp_alarm: 'Sensor temp',
    co_alarm: 'CO',
    voc_alarm: 'VOC',
    power_factor_alarm: 'Power factor',
    arc_alarm: 'Arc',
  },
  statusFlagsLong: {
    communication_error: 'Communication error',
    overvoltage: 'Overvoltage',
    power_outage: 'Power outage',
    overcurrent: 'Overcurrent',
    total_leakage: 'Total leakage current',
    resistive_leakage: 'Resistive leakage current',
    power_anomaly: 'Power anomaly',
    pcb_temp_alarm: 'PCB temperature alarm',
    sensor_temp_alarm: 'Sensor temperature alarm',
    co_alarm: 'Carbon monoxide alarm',
    voc_alarm: 'Volatile organic compounds alarm',
    power_factor_alarm: 'Power factor alarm',
    arc_alarm: 'Arc fault alarm',
  },
  age: (age) => {
    switch (age.unit) {
      case 'never':
        return 'never';
      case 'now':
        return 'just now';
      case 'seconds':
        return `${age.value} s ago`;
      case 'minutes':
        return `${age.value} min ago`;
      case 'hours':
        return `${age.value} h ago`;
      case 'days':
        return `${age.value} d ago`;
    }
  },
};
