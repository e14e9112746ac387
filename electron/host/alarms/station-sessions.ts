import type { AlarmConfig } from '../../../shared/alarms/config';
import { silenceStation, stationSound } from '../../../shared/alarms/silence';
import type { StationView } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { ActorResolver } from './actor-resolver';
import type { AlarmJournal } from './alarm-journal';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import { toStationSoundView } from './alarm-views';
import type { AlarmWriter } from './alarm-writer';
import type { OperatorDirectory } from './operator-directory';
import { MAX_PIN_LENGTH, hashPin } from './pin-hash';
import { asText, cleanComment, stationName } from './request-params';
import type { StationRegistry } from './station-registry';

// What an operator does to a station rather than to an alarm: sign in and out (a first sign-in
// with a PIN enrols it), and silence, which stops the sound there without acknowledging anything.
// Each is journaled and kept in `alarm_stations`, and answered only once committed.

export class StationSessions {
  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
    private readonly stations: StationRegistry,
    private readonly directory: OperatorDirectory,
    private readonly actors: ActorResolver,
    private readonly journal: AlarmJournal,
    private readonly writer: AlarmWriter,
  ) {}

  async signIn(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown }): Promise<StationView> {
    const name = stationName(params.station);
    if (this.stations.isWallDisplay(name)) throw new ProtocolError('FORBIDDEN', `station ${name} is a wall display: nobody signs in there`, 'READ_ONLY');
    const given = (asText(params.operator, 'operator') ?? '').trim();
    if (given === '') throw new ProtocolError('BAD_REQUEST', 'an operator name is required', 'OPERATOR_REQUIRED');
    if (given.length > 100) throw new ProtocolError('BAD_REQUEST', 'operator must be at most 100 characters');
    const operator = this.directory.canonicalName(given);
    const pin = asText(params.pin, 'pin');
    if (pin !== undefined && pin.length > MAX_PIN_LENGTH) throw new ProtocolError('BAD_REQUEST', `a PIN has at most ${MAX_PIN_LENGTH} characters`);
    const hash = this.directory.pinHash(operator);
    let enrolled: string | null = null;
    if (hash !== null) {
      if (pin === undefined || pin === '') throw new ProtocolError('UNAUTHORIZED', `${operator} has a PIN`, 'PIN_REQUIRED');
      await this.actors.checkPin(operator, pin, hash);
    } else if (pin !== undefined && pin !== '') {
      enrolled = await hashPin(pin);
    }
    const now = this.deps.now();
    const state = this.stations.station(name);
    state.operator = operator;
    state.lastSeen = now;
    this.writer.pending.stations.add(name);
    this.writer.pending.operators.set(operator, { name: operator, pin_hash: enrolled, at: now, station: name });
    this.journal.write('sign_in', { operator, station: name, role: this.directory.role(operator) }, null, enrolled === null ? null : 'PIN set', null);
    await this.writer.settle();
    return this.stations.view(name);
  }

  async signOut(params: { readonly station?: unknown }): Promise<StationView> {
    const name = stationName(params.station);
    const state = this.stations.find(name);
    if (state === undefined || state.operator === null) return this.stations.view(name);
    const operator = state.operator;
    state.operator = null;
    this.writer.pending.stations.add(name);
    this.journal.write('sign_out', { operator, station: name, role: this.directory.role(operator) }, null, null, null);
    await this.writer.settle();
    return this.stations.view(name);
  }

  /** Silence at one station: the alarms sounding there now stop sounding there (not acknowledged). */
  async silence(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<{ station: string; sound: ReturnType<typeof toStationSoundView> }> {
    const actor = await this.actors.resolve(params);
    if (actor.role === 'viewer') throw new ProtocolError('FORBIDDEN', `${actor.operator} may only watch`, 'READ_ONLY');
    const comment = cleanComment(params.comment as string | null | undefined);
    const now = this.deps.now();
    const state = this.stations.station(actor.station);
    const records = this.memory.records;
    const silenced = silenceStation(state.silence, records.values(), now, this.config);
    const newly = Object.keys(silenced.silenced).filter((id) => state.silence.silenced[id] === undefined);
    state.silence = silenced;
    this.writer.pending.stations.add(actor.station);
    this.journal.write('silence', actor, null, comment ?? (newly.length > 0 ? `silenced ${newly.length} alarm(s)` : null), null);
    await this.writer.settle();
    return { station: actor.station, sound: toStationSoundView(stationSound(records.values(), state.silence, now, this.config)) };
  }
}
