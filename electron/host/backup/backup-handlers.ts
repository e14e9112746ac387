import type { OperatorRole } from '../../../shared/alarms/types';
import type { BackupCreateParams, MethodName, MethodParams, MethodResult, StationView } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { BackupManager } from './backup-manager';
import { BackupError } from './create-backup';
import { API_STATION } from '../alarms/request-params';
import { optionalText } from '../service/request-text';

// The protocol face of backups: `backup.create` (a write: an operator asks, as for alarm actions;
// beyond loopback the token is checked by the transport, as for every write method) and
// `backups.list`.

export type BackupMethodName = 'backup.create' | 'backups.list';

export type BackupHandlers = {
  readonly [M in BackupMethodName & MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

export interface BackupActor {
  readonly operator: string;
  readonly station: string;
}

/** What the alarm system knows about stations and operators (electron/host/alarms). */
export interface OperatorLookup {
  stationView(station: string): Pick<StationView, 'wall_display' | 'operator'>;
  role(operator: string): OperatorRole;
  canonicalName(operator: string): string;
}

const MAX_NAME = 100;
const MAX_COMMENT = 500;

/**
 * Who asks for a backup: the named operator, or the one signed in at the station. Wall displays and
 * viewers only watch. (A PIN is not asked for: a backup changes nothing the console shows.)
 */
export function authorizeBackup(lookup: OperatorLookup, params: BackupCreateParams): BackupActor {
  const station = optionalText('station', params.station, MAX_NAME) ?? API_STATION;
  const view = lookup.stationView(station);
  if (view.wall_display) throw new ProtocolError('FORBIDDEN', `station ${station} is a wall display and cannot act`, 'READ_ONLY');
  const given = optionalText('operator', params.operator, MAX_NAME) ?? view.operator ?? undefined;
  if (given === undefined) throw new ProtocolError('BAD_REQUEST', 'an operator name is required', 'OPERATOR_REQUIRED');
  const operator = lookup.canonicalName(given);
  if (lookup.role(operator) === 'viewer') throw new ProtocolError('FORBIDDEN', `${operator} may only watch`, 'READ_ONLY');
  return { operator, station };
}

export function createBackupHandlers(manager: BackupManager, lookup: OperatorLookup): BackupHandlers {
  return {
    'backup.create': async (params) => {
      const actor = authorizeBackup(lookup, params ?? {});
      const comment = optionalText('comment', params?.comment, MAX_COMMENT);
      try {
        return await manager.create('demand', comment === undefined ? actor : { ...actor, comment });
      } catch (error) {
        if (error instanceof BackupError) throw new ProtocolError('INTERNAL', error.message, 'BACKUP_FAILED');
        throw error;
      }
    },
    'backups.list': async () => manager.list(),
  };
}

/** Where a console has no backup manager (tests of the service alone). */
export const NO_BACKUP_HANDLERS: BackupHandlers = {
  'backup.create': async () => {
    throw new ProtocolError('UNAVAILABLE', 'backups are not available in this console');
  },
  'backups.list': async () => {
    throw new ProtocolError('UNAVAILABLE', 'backups are not available in this console');
  },
};
