import type { AlarmSource } from '../../../shared/alarms/sources';
import type { AlarmState, OperatorRole, Priority, SoundClass, TransitionCause } from '../../../shared/alarms/types';
import type { JournalAction } from '../../../shared/alarms/journal';

/** The strings of the alarm screens (issue 7); part of `Messages`. */
export interface AlarmMessages {
  readonly alarms: {
    readonly nav: { readonly alarms: string; readonly kpis: string };
    readonly states: { readonly [S in AlarmState]: string };
    readonly priorities: { readonly [P in Priority]: string };
    readonly sounds: { readonly [S in SoundClass]: string };
    readonly roles: { readonly [R in OperatorRole]: string };
    /** What each alarm is about, in words. */
    readonly sources: { readonly [S in AlarmSource]: string };
    readonly causes: { readonly [C in TransitionCause]: string };
    readonly journalActions: { readonly [A in JournalAction]: string };
    readonly banner: {
      readonly label: string;
      readonly more: (count: number) => string;
      readonly late: string;
      readonly latched: string;
      readonly zoneNone: string;
      readonly takeoverTitle: string;
      readonly takeoverHint: string;
    };
    readonly actions: {
      readonly acknowledge: string;
      readonly acknowledgeAllVisible: (count: number) => string;
      readonly shelve: string;
      readonly unshelve: string;
      readonly reset: string;
      readonly outOfService: string;
      readonly returnToService: string;
      readonly silence: string;
      readonly jumpToDevice: string;
      readonly signIn: string;
      readonly signOut: string;
      readonly cancel: string;
      readonly confirm: string;
      readonly enableSound: string;
      readonly verifyJournal: string;
      readonly refresh: string;
    };
    readonly fields: {
      readonly device: string;
      readonly zone: string;
      readonly cause: string;
      readonly value: string;
      readonly time: string;
      readonly state: string;
      readonly priority: string;
      readonly operator: string;
      readonly station: string;
      readonly comment: string;
      readonly minutes: string;
      readonly oneShot: string;
      readonly pin: string;
      readonly token: string;
      readonly action: string;
      readonly message: string;
    };
    readonly dialog: {
      readonly title: { readonly [A in 'acknowledge' | 'acknowledge_all' | 'shelve' | 'unshelve' | 'reset' | 'remove_from_service' | 'return_to_service']: string };
      readonly commentRequired: string;
      readonly commentOptional: string;
      readonly shelveLimit: (minutes: number, supervisorMinutes: number) => string;
      readonly signInTitle: string;
      readonly pinHint: string;
      readonly tokenHint: string;
      readonly supervisorOnly: string;
    };
    readonly view: {
      readonly title: string;
      readonly tabs: { readonly active: string; readonly shelved: string; readonly history: string; readonly journal: string };
      readonly empty: string;
      readonly loading: string;
      readonly historyEmpty: string;
      readonly count: (count: number) => string;
    };
    readonly station: {
      readonly label: (station: string) => string;
      readonly wall: string;
      readonly notSignedIn: string;
      readonly signedIn: (operator: string, role: string) => string;
      readonly sharingOff: (reason: string) => string;
      readonly sharingOn: string;
    };
    readonly trouble: { readonly audioNotArmed: string; readonly audioFix: string };
    readonly flood: {
      readonly title: string;
      readonly summary: (alarms: number, inWindow: number) => string;
      readonly firstOut: string;
    };
    readonly chattering: { readonly flag: string; readonly suggestion: (activations: number) => string };
    readonly kpi: {
      readonly title: string;
      readonly period: string;
      readonly periods: { readonly day: string; readonly week: string; readonly month: string };
      readonly alarms: string;
      readonly late: string;
      readonly perTenMinutes: string;
      readonly average: string;
      readonly peak: string;
      readonly target: string;
      readonly floods: string;
      readonly timeInFlood: string;
      readonly chattering: string;
      readonly stale: string;
      readonly prioritySplit: string;
      readonly splitTarget: string;
      readonly topNoisy: string;
      readonly stations: string;
      readonly actions: string;
      readonly acknowledgements: string;
      readonly none: string;
    };
    readonly journal: {
      readonly verified: (entries: number) => string;
      readonly broken: (seq: string, reason: string) => string;
      readonly empty: string;
    };
    readonly errors: { readonly failed: (message: string) => string; readonly signInFirst: string; readonly noLink: string };
    readonly notification: { readonly title: (priority: string, device: string) => string };
    readonly siren: { readonly label: string };
    readonly keys: string;
  };
}
