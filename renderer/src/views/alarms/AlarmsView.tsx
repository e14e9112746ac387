import { useDeferredValue, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { AlarmItem } from '../../../../shared/protocol/alarms-types';
import { AlarmRow } from '../../components/alarms/AlarmRow';
import { useMessages } from '../../i18n/messages-context';
import type { AlarmTab } from '../../state/alarms-model';
import { activeAlarms, outOfViewAlarms } from '../../state/alarms-model';
import { useConsoleStore } from '../../state/store';
import { AlarmHistory } from './AlarmHistory';
import { ChatteringList } from './ChatteringList';
import { JournalPanel } from './JournalPanel';

const TABS: ReadonlyArray<AlarmTab> = ['active', 'shelved', 'history', 'journal'];
/** Rows drawn at once; in a flood the most urgent come first and the rest are counted below. */
export const MAX_ROWS = 250;

/** The alarm list of a station: active, shelved and out of service, the day's history, the journal. */
export function AlarmsView(): ReactElement {
  const t = useMessages().alarms;
  const [tab, setTab] = useState<AlarmTab>('active');
  // The list renders at low priority, interruptibly: the banner (an urgent update) never waits for it.
  const alarms = useDeferredValue(useConsoleStore((state) => state.alarms));
  const loaded = useConsoleStore((state) => state.alarmsLoaded);
  const station = useConsoleStore((state) => state.station);
  const sharing = useConsoleStore((state) => state.alarmSharing);
  const readOnly = station?.wall_display === true;
  const supervisor = station?.role === 'supervisor';
  const active = useMemo(() => activeAlarms(alarms), [alarms]);
  const hidden = useMemo(() => outOfViewAlarms(alarms), [alarms]);
  const waiting = active.filter((a) => a.state === 'unacknowledged' || a.state === 'rtn_unacknowledged');
  return (
    <section className="alarms-view" data-testid="alarms-view" data-tab={tab} aria-label={t.view.title}>
      <div className="view-head">
        <h2 className="view-title">{t.view.title}</h2>
        <span className="muted" data-testid="alarm-count" data-value={active.length}>
          {t.view.count(active.length)}
        </span>
        {sharing !== null && <span className="muted">{sharing.enabled ? t.station.sharingOn : t.station.sharingOff(sharing.reason ?? '')}</span>}
        <span className="muted alarm-keys">{t.keys}</span>
      </div>
      <div className="alarm-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'alarm-tab is-current' : 'alarm-tab'}
            data-testid={`alarm-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {t.view.tabs[id]}
            {id === 'active' && ` (${active.length})`}
            {id === 'shelved' && ` (${hidden.length})`}
          </button>
        ))}
      </div>
      {tab === 'active' && (
        <>
          <ChatteringList />
          {!readOnly && waiting.length > 0 && (
            <button
              type="button"
              className="button"
              data-testid="ack-all-visible"
              onClick={() => useConsoleStore.getState().setAlarmDialog({ kind: 'action', action: 'acknowledge_all', ids: waiting.map((a) => a.id) })}
            >
              {t.actions.acknowledgeAllVisible(waiting.length)}
            </button>
          )}
          <AlarmTable alarms={active} loaded={loaded} supervisor={supervisor} readOnly={readOnly} />
        </>
      )}
      {tab === 'shelved' && <AlarmTable alarms={hidden} loaded={loaded} supervisor={supervisor} readOnly={readOnly} />}
      {tab === 'history' && <AlarmHistory />}
      {tab === 'journal' && <JournalPanel />}
    </section>
  );
}

function AlarmTable({ alarms, loaded, supervisor, readOnly }: { readonly alarms: ReadonlyArray<AlarmItem>; readonly loaded: boolean; readonly supervisor: boolean; readonly readOnly: boolean }): ReactElement {
  const t = useMessages().alarms;
  if (!loaded) return <p className="grid-message">{t.view.loading}</p>;
  if (alarms.length === 0) {
    return (
      <p className="grid-message" data-testid="alarms-empty">
        {t.view.empty}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="alarm-table">
        <thead>
          <tr>
            <th scope="col">{t.fields.priority}</th>
            <th scope="col">{t.fields.state}</th>
            <th scope="col">{t.fields.cause}</th>
            <th scope="col">{t.fields.device}</th>
            <th scope="col">{t.fields.zone}</th>
            <th scope="col">{t.fields.value}</th>
            <th scope="col">{t.fields.time}</th>
            <th scope="col">{t.fields.message}</th>
            <th scope="col">{t.fields.action}</th>
          </tr>
        </thead>
        <tbody>
          {alarms.slice(0, MAX_ROWS).map((alarm) => (
            <AlarmRow key={alarm.id} alarm={alarm} supervisor={supervisor} readOnly={readOnly} />
          ))}
        </tbody>
      </table>
      {alarms.length > MAX_ROWS && (
        <p className="muted" data-testid="alarms-more">
          {t.banner.more(alarms.length - MAX_ROWS)}
        </p>
      )}
    </div>
  );
}
