import type { RegistryEntry } from '../../../shared/fleet/registry';
import type { SqliteDatabase } from './database';

/** Keeps the registry across restarts, so zones and names are there before the broker repeats them. */
export class DeviceRegistryStore {
  private readonly db: SqliteDatabase;
  private readonly upsert;

  constructor(db: SqliteDatabase) {
    this.db = db;
    this.upsert = db.prepare(`
      INSERT INTO devices(device_id, name, zone, position_x, position_y, source, updated_at)
      VALUES (@id, @name, @zone, @x, @y, @source, @at)
      ON CONFLICT(device_id) DO UPDATE SET
        name = excluded.name, zone = excluded.zone, position_x = excluded.position_x,
        position_y = excluded.position_y, source = excluded.source, updated_at = excluded.updated_at`);
  }

  save(entries: ReadonlyArray<RegistryEntry>, source: string, atIso: string): void {
    this.db.transaction(() => {
      for (const e of entries) {
        this.upsert.run({ id: e.id, name: e.name, zone: e.zone, x: e.position?.x ?? null, y: e.position?.y ?? null, source, at: atIso });
      }
    })();
  }

  load(): ReadonlyArray<RegistryEntry> {
    const rows = this.db.prepare('SELECT device_id, name, zone, position_x, position_y FROM devices ORDER BY device_id').all() as Array<{
      device_id: string; name: string; zone: string; position_x: number | null; position_y: number | null;
    }>;
    return rows.map((r) => ({
      id: r.device_id,
      name: r.name,
      zone: r.zone,
      position: r.position_x !== null && r.position_y !== null ? { x: r.position_x, y: r.position_y } : null,
    }));
  }
}
