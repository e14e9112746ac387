import type { DeviceProfile } from './types';

export const REGISTRY_TOPIC = 'fire-prediction/registry';

/** One device in the retained registry message (DESIGN.md, "Device registry"). */
export interface RegistryDevice {
  readonly id: string;
  readonly name: string;
  /** Zone id, e.g. `B1-F2`. */
  readonly zone: string;
  /** Metres within the zone. */
  readonly position: { readonly x: number; readonly y: number };
}

export interface DeviceRegistry {
  readonly devices: ReadonlyArray<RegistryDevice>;
}

export function buildRegistry(fleet: ReadonlyArray<DeviceProfile>): DeviceRegistry {
  return {
    devices: fleet.map((d) => ({
      id: d.id,
      name: d.name,
      zone: d.zone.id,
      position: { x: d.position.x, y: d.position.y },
    })),
  };
}
