import { useDeferredValue, useMemo } from 'react';
import type { ReactElement } from 'react';
import { StaleBanner } from '../components/StaleBanner';
import { useMessages } from '../i18n/messages-context';
import { sortDevices } from '../model/device-order';
import { useConsoleStore } from '../state/store';
import { DeviceRow } from './DeviceRow';

export function DeviceGrid(): ReactElement {
  const t = useMessages();
  const devices = useConsoleStore((state) => state.devices);
  const loaded = useConsoleStore((state) => state.devicesLoaded);
  const link = useConsoleStore((state) => state.link);
  // Rendering thousands of rows is done in interruptible slices, so a fleet update never blocks input or the clock.
  const shownDevices = useDeferredValue(devices);
  const sorted = useMemo(() => sortDevices(shownDevices.values()), [shownDevices]);
  // Stale from the moment the link is not live: the last state stays up, marked as such.
  const stale = loaded && link !== 'live';
  const columns = t.grid.columns;

  return (
    <section
      className={stale ? 'device-grid is-stale' : 'device-grid'}
      data-testid="device-grid"
      data-stale={String(stale)}
      aria-label={t.grid.label}
      aria-busy={!loaded}
    >
      <div className="grid-caption">
        <h2 className="grid-title">{t.grid.label}</h2>
        <span className="muted" data-testid="device-count" data-value={sorted.length}>
          {t.grid.deviceCount(sorted.length)}
        </span>
      </div>
      {stale && <StaleBanner />}
      {!loaded ? (
        <p className="grid-message">{t.grid.loading}</p>
      ) : sorted.length === 0 ? (
        <p className="grid-message" data-testid="device-grid-empty">
          {t.grid.empty}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="devices">
            <thead>
              <tr>
                <th scope="col" className="col-risk">{columns.risk}</th>
                <th scope="col" className="col-id">{columns.deviceId}</th>
                <th scope="col" className="col-name">{columns.name}</th>
                <th scope="col" className="col-zone">{columns.zone}</th>
                <th scope="col" className="col-seen">{columns.lastSeen}</th>
                <th scope="col" className="col-num">{columns.temperature}</th>
                <th scope="col" className="col-num">{columns.current}</th>
                <th scope="col" className="col-status">{columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((device) => (
                <DeviceRow key={device.device_id} device={device} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
