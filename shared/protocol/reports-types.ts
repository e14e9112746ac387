// Incidents and reports (issue 10). Times are ISO-8601 UTC.

export interface IncidentsParams {
  /** Epoch milliseconds or ISO-8601. */
  readonly from?: number | string;
  readonly to?: number | string;
  readonly device?: string;
  readonly zone?: string;
  readonly priority?: string;
  /** `open` or `closed`. */
  readonly state?: string;
}

export interface IncidentView {
  readonly id: string;
  /** The first-out alarm's device (for an incident a zone alarm opened, its first device). */
  readonly device_id: string | null;
  /** Every device whose alarms are in it: a zone's cluster alarm groups the devices of its zone. */
  readonly device_ids: ReadonlyArray<string>;
  readonly zone: string | null;
  readonly state: 'open' | 'closed';
  readonly first_out: { readonly alarm_id: string; readonly source: string; readonly priority: string };
  readonly alarm_ids: ReadonlyArray<string>;
  readonly highest_priority: string;
  readonly start: string;
  readonly end: string | null;
  readonly duration_s: number | null;
  readonly time_to_ack_s: number | null;
  readonly acknowledged_by: string | null;
  readonly outcome: string;
  readonly transitions: number;
  /** Where its report is, relative to the API root. */
  readonly report: { readonly pdf: string; readonly csv: string };
}

export interface IncidentsResponse {
  readonly incidents: ReadonlyArray<IncidentView>;
}

export interface ReportFileParams {
  /** `incident` (needs id) or `shift` (needs from and to). */
  readonly kind: string;
  /** `pdf` or `csv`. */
  readonly format: string;
  readonly id?: string;
  readonly from?: number | string;
  readonly to?: number | string;
}

/** A report made in the host: the same bytes for the desktop app and for serve mode. */
export interface ReportFile {
  readonly filename: string;
  readonly content_type: string;
  /** The file, base64 (the protocol carries JSON); REST sends it as the body itself. */
  readonly data_base64: string;
}
