import type { AlarmRecord } from '../../../shared/alarms/types';
import type { AlarmItem } from '../../../shared/protocol';
import type { AlarmEscalator } from './alarm-escalator';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmStatusBoard } from './alarm-status';
import { toAlarmItem } from './alarm-views';

// What the screens are sent as alarms change: transitions once their batch is settled, and new
// values on standing alarms at most every VALUE_PUSH_MS (a reading a second per device would
// otherwise flood every screen).

const VALUE_PUSH_MS = 2_000;

export class AlarmPushes {
  private lastValuePush = 0;

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'emit'>,
    private readonly memory: AlarmMemory,
    private readonly statusBoard: AlarmStatusBoard,
    private readonly escalator: AlarmEscalator,
  ) {}

  item(record: AlarmRecord): AlarmItem {
    return toAlarmItem(record, { chattering: this.statusBoard.isChattering(record.id), escalated: this.escalator.isEscalated(record) });
  }

  changed(ids: Iterable<string>): void {
    const items: AlarmItem[] = [];
    for (const id of ids) {
      const record = this.memory.records.get(id);
      if (record !== undefined) items.push(this.item(record));
      this.memory.valueChanged.delete(id);
    }
    if (items.length > 0) this.deps.emit('alarms.changed', { alarms: items });
    this.statusBoard.publish();
  }

  valuesDue(now: number): void {
    const { valueChanged } = this.memory;
    if (valueChanged.size === 0 || now - this.lastValuePush < VALUE_PUSH_MS) return;
    this.lastValuePush = now;
    const items: AlarmItem[] = [];
    for (const id of valueChanged) {
      const record = this.memory.records.get(id);
      if (record !== undefined && record.state !== 'normal') items.push(this.item(record));
    }
    valueChanged.clear();
    if (items.length > 0) this.deps.emit('alarms.changed', { alarms: items });
  }
}
