import type { AlarmConfig } from '../../../shared/alarms/config';
import type { ChainVerification, JournalEntry } from '../../../shared/alarms/journal';
import { verifyChain } from '../../../shared/alarms/journal';
import { computeAlarmKpis } from '../../../shared/alarms/kpi';
import type { KpiResponse } from '../../../shared/protocol';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmTables, TransitionRow } from './alarm-tables';
import { toTransitionView } from './alarm-views';

// What happened, from the database: transitions, the journal and its chain, and the KPIs of a
// period (which also count the alarms standing now, from memory).

export class AlarmHistory {
  constructor(
    private readonly tables: AlarmTables,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
  ) {}

  transitions(query: { readonly fromMs: number; readonly toMs: number; readonly deviceId?: string; readonly limit: number }): ReturnType<typeof toTransitionView>[] {
    return this.tables.transitions({ ...query, order: 'desc' }).map(toTransitionView);
  }

  journalEntries(query: { readonly sinceMs?: number; readonly deviceId?: string; readonly limit: number }): ReadonlyArray<JournalEntry> {
    return this.tables.journal(query);
  }

  /** The whole chain a page at a time, each page anchored on the last entry of the one before. */
  verifyJournal(): ChainVerification {
    let anchor: { seq: number; hash: string } | undefined;
    let entries = 0;
    let result: ChainVerification = verifyChain([]);
    for (const page of this.tables.journalPages()) {
      result = verifyChain(page, anchor === undefined ? {} : { anchor });
      if (!result.ok) return { ...result, index: result.index + entries };
      entries += page.length;
      const last = page[page.length - 1] as JournalEntry;
      anchor = { seq: last.seq, hash: last.hash };
    }
    return result.ok ? { ...result, entries, anchored: true } : result;
  }

  kpis(fromMs: number, toMs: number): KpiResponse {
    const transitions: ReadonlyArray<TransitionRow> = this.tables.transitions({ fromMs, toMs });
    const kpis = computeAlarmKpis({ transitions, alarms: this.memory.records.values(), from: fromMs, to: toMs }, this.config);
    return { ...kpis, stations: this.tables.actionsByStation(fromMs, toMs) };
  }
}
