import type { SettingsSection } from '../../../shared/protocol/settings-types';

/** The strings of the settings screen's forms (issue 8); part of `ViewMessages` as `settingsEdit`. */
export interface SettingsEditMessages {
  readonly intro: string;
  readonly sections: { readonly [S in SettingsSection]: string };
  readonly save: string;
  readonly saving: string;
  readonly undo: string;
  readonly add: string;
  readonly remove: string;
  readonly savedLive: string;
  readonly savedRestart: string;
  readonly restartBanner: (sections: string) => string;
  readonly invalid: string;
  readonly noChange: string;
  readonly loadFailed: (reason: string) => string;
  readonly prompt: {
    readonly title: string;
    readonly hint: string;
    readonly operator: string;
    readonly pin: string;
    readonly comment: string;
    readonly confirm: string;
    readonly cancel: string;
    readonly failed: (reason: string) => string;
  };
  readonly thresholds: {
    readonly note: string;
    readonly temperatureMedium: string;
  };
  readonly retention: {
    readonly rawDays: string;
    readonly rollupDays: string;
    readonly eventsDays: string;
    readonly quarantineDays: string;
    readonly sizeCapGb: string;
    readonly days: string;
    readonly note: string;
  };
  readonly connections: {
    readonly none: string;
    readonly id: string;
    readonly url: string;
    readonly clientId: string;
    readonly username: string;
    readonly password: string;
    readonly passwordSaved: string;
    readonly clearPassword: string;
    readonly topics: string;
    readonly qos: string;
    readonly caFile: string;
    readonly certFile: string;
    readonly keyFile: string;
    readonly alpn: string;
    readonly awsHint: string;
    readonly overridden: (by: string) => string;
    readonly restartNote: string;
    readonly connection: (n: number) => string;
  };
  readonly operators: {
    readonly name: string;
    readonly role: string;
    readonly pin: string;
    readonly pinSaved: string;
    readonly pinNone: string;
    readonly newPin: string;
    readonly clearPin: string;
    readonly defaultRole: string;
    readonly note: string;
  };
  readonly language: {
    readonly title: string;
    readonly note: string;
    readonly overridden: (by: string) => string;
    readonly names: { readonly en: string; readonly ko: string };
  };
  readonly registry: {
    readonly title: string;
    readonly note: string;
    readonly file: string;
    readonly text: string;
    readonly format: string;
    readonly formats: { readonly auto: string; readonly csv: string; readonly json: string };
    readonly check: string;
    readonly import: string;
    readonly checked: (devices: number, zones: number) => string;
    readonly imported: (devices: number, zones: number) => string;
    readonly rowsRefused: (count: number) => string;
    readonly line: (line: number) => string;
    readonly empty: string;
  };
}
