import type { ConnectionState, HealthResponse } from '../../../shared/protocol/api-types';
import type { Age } from '../model/relative-time';
import type { RiskBadgeLevel } from '../model/risk';
import type { StatusFlagName } from '../model/status-bits';
import type { LinkState } from '../state/connection-slice';
import type { AlarmMessages } from './alarm-messages';
import type { ViewMessages } from './view-messages';

/** Every string the console shows. A language is complete or it does not compile. */
export interface Messages extends ViewMessages, AlarmMessages {
  readonly appTitle: string;
  /** Stands in for a value that is missing; never "0", which would be a reading. */
  readonly emptyValue: string;
  readonly language: { readonly label: string };
  readonly link: {
    readonly label: string;
    readonly state: { readonly [S in LinkState]: string };
    readonly lastMessage: (age: string) => string;
    readonly protocolMismatch: (host: number, ours: number) => string;
  };
  readonly health: {
    readonly label: string;
    readonly waiting: string;
    readonly status: { readonly [S in HealthResponse['status']]: string };
    readonly ingestRate: (rate: string) => string;
    readonly connectionsLabel: string;
    readonly noConnection: string;
    readonly connectionState: { readonly [S in ConnectionState]: string };
    readonly nearLimit: string;
    readonly demo: string;
  };
  readonly grid: {
    readonly label: string;
    readonly columns: {
      readonly risk: string;
      readonly deviceId: string;
      readonly name: string;
      readonly zone: string;
      readonly lastSeen: string;
      readonly temperature: string;
      readonly current: string;
      readonly status: string;
    };
    readonly loading: string;
    readonly empty: string;
    readonly deviceCount: (count: number) => string;
    readonly stale: (asOf: string) => string;
    readonly staleNever: string;
    readonly noFlags: string;
    readonly offline: string;
    readonly unassignedZone: string;
  };
  readonly risk: { readonly [L in RiskBadgeLevel]: string };
  /** Short chip labels. */
  readonly statusFlags: { readonly [F in StatusFlagName]: string };
  /** Full names, for the chip's tooltip. */
  readonly statusFlagsLong: { readonly [F in StatusFlagName]: string };
  readonly age: (age: Age) => string;
}
