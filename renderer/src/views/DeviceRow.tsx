import { memo } from 'react';
import type { NamedExoticComponent, ReactElement } from 'react';
import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { RelativeTime } from '../components/RelativeTime';
import { RiskBadge } from '../components/RiskBadge';
import { StatusBitChips } from '../components/StatusBitChips';
import { useMessages } from '../i18n/messages-context';
import { formatFixed } from '../model/format';
import { toBadgeLevel } from '../model/risk';

const UNASSIGNED_ZONE = 'unassigned';

interface DeviceRowProps {
  readonly device: DeviceSummary;
}

/**
 * One device. Summaries are replaced, never mutated, so a row re-renders only when its own device
 * changed; `data-value` carries the raw value for tests and tools that should not parse display text.
 */
function DeviceRowView({ device }: DeviceRowProps): ReactElement {
  const t = useMessages();
  return (
    <tr
      className={device.online ? 'device-row' : 'device-row is-silent'}
      data-testid="device-row"
      data-device-id={device.device_id}
      data-online={String(device.online)}
    >
      <td className="col-risk" data-field="risk_level" data-value={toBadgeLevel(device.risk_level)}>
        <RiskBadge level={device.risk_level} />
      </td>
      <th className="col-id" scope="row" data-field="device_id">
        {device.device_id}
      </th>
      <td className="col-name" data-field="name" title={device.name}>
        {device.name}
      </td>
      <td className="col-zone" data-field="zone" data-value={device.zone} title={device.zone}>
        {device.zone === UNASSIGNED_ZONE ? <span className="muted">{t.grid.unassignedZone}</span> : device.zone}
      </td>
      <td className="col-seen" data-field="last_seen" data-value={device.last_seen ?? ''}>
        <RelativeTime iso={device.last_seen} />
        {!device.online && <span className="tag tag-silent">{t.grid.offline}</span>}
      </td>
      <td className="col-num" data-field="temperature" data-value={device.temperature ?? ''}>
        {formatFixed(device.temperature, 1) ?? t.emptyValue}
      </td>
      <td className="col-num" data-field="current" data-value={device.current ?? ''}>
        {formatFixed(device.current, 2) ?? t.emptyValue}
      </td>
      <td className="col-status" data-field="status_bits" data-value={device.status_bits ?? ''}>
        <StatusBitChips status={device.status_bits} />
      </td>
    </tr>
  );
}

export const DeviceRow: NamedExoticComponent<DeviceRowProps> = memo(DeviceRowView);
