/** The strings of the Incidents view and the report exports (issue 10); part of `ViewMessages`. */
export interface IncidentsMessages {
  readonly nav: string;
  readonly title: string;
  readonly intro: string;
  readonly filters: {
    readonly label: string;
    readonly from: string;
    readonly to: string;
    readonly device: string;
    readonly zone: string;
    readonly priority: string;
    readonly state: string;
    readonly any: string;
    readonly open: string;
    readonly closed: string;
    readonly reset: string;
  };
  readonly columns: {
    readonly start: string;
    readonly device: string;
    readonly zone: string;
    readonly firstOut: string;
    readonly priority: string;
    readonly state: string;
    readonly duration: string;
    readonly timeToAck: string;
    readonly outcome: string;
    readonly export: string;
  };
  readonly loading: string;
  readonly empty: string;
  readonly count: (n: number) => string;
  readonly stillOpen: string;
  readonly exportPdf: string;
  readonly exportCsv: string;
  /** Accessible names of a row's export buttons. */
  readonly exportLabel: (format: string, subject: string) => string;
  readonly exporting: string;
  readonly exported: (file: string) => string;
  readonly exportFailed: (reason: string) => string;
  readonly shift: {
    readonly title: string;
    readonly intro: string;
    readonly from: string;
    readonly to: string;
    readonly lastShift: string;
    readonly badPeriod: string;
  };
  readonly device: {
    readonly title: string;
    readonly empty: string;
    readonly all: string;
  };
  readonly duration: (seconds: number) => string;
  /** The host's outcome words (electron/host/reports/incidents.ts); an unknown one is shown as sent. */
  readonly outcomes: Readonly<Record<string, string>>;
}
