/** Where a device hangs: its zone is one floor of one building; the room narrows it down for people. */
export interface ZoneRef {
  /** Zone id as the registry carries it, e.g. `B1-F2`. */
  readonly id: string;
  readonly building: string;
  readonly floor: string;
  readonly room: string;
}

/** Metres from the zone's corner; used for the registry and to find neighbours. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** What does not change about a simulated device during a run. */
export interface DeviceProfile {
  /** 0-based position in the fleet; also the key of the device's random streams. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly zone: ZoneRef;
  readonly position: Position;
  /** Typical current of the circuit, before the daily profile and the slow random walk. */
  readonly baseLoadA: number;
  /** Power factor of the connected load. */
  readonly basePowerFactor: number;
  /** Room temperature around the board. */
  readonly ambientC: number;
  /** Supply voltage offset of the feeder this board hangs on. */
  readonly feederOffsetV: number;
  /** Leakage of healthy insulation on this circuit. */
  readonly baseLeakageMa: number;
  readonly baseResistiveLeakageMa: number;
  readonly baseCoPpm: number;
  readonly baseVoc: number;
  /** This device's own reporting period. */
  readonly periodMs: number;
  /** Offset of the first report after the start, so that a fleet does not report in lockstep. */
  readonly phaseMs: number;
}

/** One report, in the device's own field names, already rounded as the firmware sends it. */
export interface DeviceReading {
  readonly deviceId: string;
  readonly idx: number;
  readonly status: number;
  readonly volt: number;
  readonly voltLow: number;
  readonly ct: number;
  readonly zct: number;
  readonly rzct: number;
  readonly pwr: number;
  readonly pcbTemp: number;
  readonly sensorTemp: number;
  readonly co: number;
  readonly voc: number;
  readonly pFct: number;
  readonly aArc: number;
  readonly timestampMs: number;
}

/** `device`: the firmware's names; `iot`: the names after the source system's IoT rule. */
export type Spelling = 'device' | 'iot' | 'mixed';
export type TimestampFormat = 'iso' | 'epoch' | 'mixed';
