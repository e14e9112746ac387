import type { ReportFile, ReportFileParams } from '../../../../shared/protocol';
import type { RpcClient } from '../../../../shared/protocol/rpc-client';

// A report is made in the host and comes back over the protocol as base64, the same in the desktop
// app (MessagePort, custom scheme: no HTTP server to link to) and in serve mode; the browser saves
// it from a Blob, so both give the user the same file.

/** The host lays out a PDF in a few seconds; a long shift report may take longer. */
export const REPORT_TIMEOUT_MS = 120_000;

export function reportBlob(file: ReportFile): Blob {
  const binary = atob(file.data_base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.content_type });
}

/** Hands a file to the browser's (or Electron's) download: saved under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the download reads the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Asks the host for a report and saves it; resolves to its file name. */
export async function downloadReport(client: RpcClient, params: ReportFileParams): Promise<string> {
  const file = await client.request('report.file', params, REPORT_TIMEOUT_MS);
  saveBlob(reportBlob(file), file.filename);
  return file.filename;
}
