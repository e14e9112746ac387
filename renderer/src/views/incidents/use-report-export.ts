import { useCallback, useState } from 'react';
import type { ReportFileParams } from '../../../../shared/protocol';
import type { IncidentsMessages } from '../../i18n/incidents-messages';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { downloadReport } from './report-download';

/** What the last export did; put in words when shown, so a language switch re-words it. */
export type ExportOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'saved'; readonly file: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface ReportExport {
  /** The key of the export under way (e.g. `incident-id:pdf`), or null. */
  readonly busy: string | null;
  /** The last export's outcome in the current language, for a polite live region. */
  readonly status: string;
  run(key: string, params: ReportFileParams): void;
}

export function exportStatus(outcome: ExportOutcome, t: IncidentsMessages): string {
  switch (outcome.kind) {
    case 'none':
      return '';
    case 'busy':
      return t.exporting;
    case 'saved':
      return t.exported(outcome.file);
    case 'failed':
      return t.exportFailed(outcome.reason);
  }
}

/** One export at a time per screen; its outcome is said in words, not only by a file appearing. */
export function useReportExport(): ReportExport {
  const t = useMessages().incidentsView;
  const client = useConsoleStore((state) => state.client);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome>({ kind: 'none' });
  const run = useCallback(
    (key: string, params: ReportFileParams) => {
      if (client === null) {
        setOutcome({ kind: 'failed', reason: 'offline' });
        return;
      }
      setBusy(key);
      setOutcome({ kind: 'busy' });
      downloadReport(client, params)
        .then(
          (file) => setOutcome({ kind: 'saved', file }),
          (error: unknown) => setOutcome({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => setBusy(null));
    },
    [client],
  );
  return { busy, status: exportStatus(outcome, t), run };
}
