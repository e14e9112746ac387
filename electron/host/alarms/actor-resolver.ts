import type { Actor } from '../../../shared/alarms/types';
import { ProtocolError } from '../../../shared/protocol';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { OperatorDirectory } from './operator-directory';
import { verifyPin } from './pin-hash';
import { asText, stationName } from './request-params';
import type { StationRegistry } from './station-registry';

// Who is acting, before anything is done: the station's signed-in operator unless another is
// named, never at a wall display, and with the PIN when the operator has one and is not signed in
// there (a wrong PIN counts towards the lockout).

export class ActorResolver {
  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now' | 'log'>,
    private readonly directory: OperatorDirectory,
    private readonly stations: StationRegistry,
  ) {}

  async resolve(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<Actor> {
    const station = stationName(params.station);
    if (this.stations.isWallDisplay(station)) throw new ProtocolError('FORBIDDEN', `station ${station} is a wall display and cannot act`, 'READ_ONLY');
    const named = asText(params.operator, 'operator');
    const signedIn = this.stations.find(station)?.operator ?? null;
    const given = named !== undefined && named.trim() !== '' ? named.trim() : signedIn;
    if (given === null || given === '') throw new ProtocolError('BAD_REQUEST', 'an operator name is required', 'OPERATOR_REQUIRED');
    if (given.length > 100) throw new ProtocolError('BAD_REQUEST', 'operator must be at most 100 characters');
    const operator = this.directory.canonicalName(given);
    const hash = this.directory.pinHash(operator);
    if (hash !== null && signedIn !== operator) {
      const pin = asText(params.pin, 'pin');
      if (pin === undefined || pin === '') {
        throw new ProtocolError('UNAUTHORIZED', `${operator} has a PIN: sign in at the station or give the PIN`, 'PIN_REQUIRED');
      }
      await this.checkPin(operator, pin, hash);
    }
    return { operator, station, role: this.directory.role(operator) };
  }

  /** Operators may change thresholds only as supervisors (for the settings screen). */
  async requireSupervisor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<Actor> {
    const actor = await this.resolve(params);
    if (actor.role !== 'supervisor') throw new ProtocolError('FORBIDDEN', `only a supervisor may do this, and ${actor.operator} is ${actor.role === 'viewer' ? 'a viewer' : 'an operator'}`, 'SUPERVISOR_REQUIRED');
    return actor;
  }

  async checkPin(operator: string, pin: string, hash: string): Promise<void> {
    const now = this.deps.now();
    if (this.directory.lockedOut(operator, now)) throw new ProtocolError('UNAUTHORIZED', `too many wrong PINs for ${operator}; try again in a few minutes`, 'PIN_LOCKED');
    if (!(await verifyPin(pin, hash))) {
      this.directory.recordFailure(operator, now);
      this.deps.log?.warn('wrong PIN', { operator });
      throw new ProtocolError('UNAUTHORIZED', `the PIN does not match ${operator}'s`, 'PIN_MISMATCH');
    }
    this.directory.recordSuccess(operator);
  }
}
