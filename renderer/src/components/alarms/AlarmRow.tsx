import { memo } from 'react';
import type { NamedExoticComponent, ReactElement } from 'react';
import type { AlarmItem } from '../../../../shared/protocol/alarms-types';
import { useMessages } from '../../i18n/messages-context';
import { deviceHref } from '../../model/route';
import type { AlarmDialogAction } from '../../state/alarms-slice';
import { useConsoleStore } from '../../state/store';
import { alarmText } from './alarm-text';

interface AlarmRowProps {
  readonly alarm: AlarmItem;
  /** Supervisor actions (out of service) are offered to supervisors only. */
  readonly supervisor: boolean;
  readonly readOnly: boolean;
}

function open(action: AlarmDialogAction, id: string): void {
  useConsoleStore.getState().setAlarmDialog({ kind: 'action', action, ids: [id] });
}

/** One alarm in the list, with the actions its state allows. */
function AlarmRowView({ alarm, supervisor, readOnly }: AlarmRowProps): ReactElement {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const text = alarmText(alarm, m, language);
  const waiting = alarm.state === 'unacknowledged' || alarm.state === 'rtn_unacknowledged';
  return (
    <tr
      className={`alarm-row prio-${alarm.priority} state-${alarm.state}${waiting ? ' is-waiting' : ''}`}
      data-testid="alarm-row"
      data-alarm-id={alarm.id}
      data-state={alarm.state}
      data-priority={alarm.priority}
      data-chattering={String(alarm.chattering)}
    >
      <td>
        <span className={`alarm-priority prio-${alarm.priority}`}>{text.priority}</span>
      </td>
      <td data-field="state">{text.state}</td>
      <th scope="row" data-field="cause">
        {text.cause}
        {alarm.chattering && (
          <span className="tag tag-chattering" data-testid="chattering-flag" title={t.chattering.suggestion(3)}>
            {t.chattering.flag}
          </span>
        )}
        {alarm.late && <span className="tag">{t.banner.late}</span>}
        {alarm.awaits_reset && <span className="tag">{t.banner.latched}</span>}
      </th>
      <td data-field="device">{alarm.device_id !== null ? <a href={deviceHref(alarm.device_id)}>{alarm.device_id}</a> : text.where}</td>
      <td data-field="zone">{text.zone}</td>
      <td className="col-num" data-field="value">
        {text.value ?? m.emptyValue}
      </td>
      <td data-field="time">
        <time dateTime={alarm.activated_at ?? alarm.last_change_at}>{text.time}</time>
      </td>
      <td className="alarm-row-message" data-field="message">
        {alarm.message}
        {alarm.comment !== null && <span className="alarm-row-comment">“{alarm.comment}”</span>}
        {alarm.acked_by !== null && <span className="muted"> — {alarm.acked_by}</span>}
      </td>
      <td className="alarm-row-actions">
        {!readOnly && (
          <>
            {waiting && (
              <button type="button" className="button" data-testid="row-ack" onClick={() => open('acknowledge', alarm.id)}>
                {t.actions.acknowledge}
              </button>
            )}
            {alarm.awaits_reset && (
              <button type="button" className="button" data-testid="row-reset" onClick={() => open('reset', alarm.id)}>
                {t.actions.reset}
              </button>
            )}
            {alarm.state === 'shelved' ? (
              <button type="button" className="button-quiet" data-testid="row-unshelve" onClick={() => open('unshelve', alarm.id)}>
                {t.actions.unshelve}
              </button>
            ) : (
              alarm.state !== 'out_of_service' &&
              alarm.state !== 'suppressed' &&
              alarm.scope !== 'console' && (
                <button type="button" className={alarm.chattering ? 'button' : 'button-quiet'} data-testid="row-shelve" onClick={() => open('shelve', alarm.id)}>
                  {t.actions.shelve}
                </button>
              )
            )}
            {supervisor && alarm.scope !== 'console' && (
              <button
                type="button"
                className="button-quiet"
                data-testid={alarm.out_of_service ? 'row-return' : 'row-oos'}
                onClick={() => open(alarm.out_of_service ? 'return_to_service' : 'remove_from_service', alarm.id)}
              >
                {alarm.out_of_service ? t.actions.returnToService : t.actions.outOfService}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

export const AlarmRow: NamedExoticComponent<AlarmRowProps> = memo(AlarmRowView);
