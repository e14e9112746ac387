/**
 * The device registry message (`fire-prediction/registry`, retained, or an imported file):
 * `{"devices": [{"id", "name", "zone", "position"}]}`. A device never named in a registry sits in
 * zone `unassigned`.
 */

export const UNASSIGNED_ZONE = 'unassigned';
export const REGISTRY_TOPIC = 'fire-prediction/registry';

export interface RegistryEntry {
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  readonly position: { readonly x: number; readonly y: number } | null;
}

export type RegistryParse =
  | { readonly ok: true; readonly entries: ReadonlyArray<RegistryEntry>; readonly skipped: ReadonlyArray<string> }
  | { readonly ok: false; readonly code: 'INVALID_JSON' | 'INVALID_MESSAGE'; readonly message: string };

function entryFrom(value: unknown, index: number): RegistryEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `devices[${index}] is not an object`;
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'number' && Number.isFinite(record.id) ? String(record.id) : record.id;
  if (typeof id !== 'string' || id.trim() === '') return `devices[${index}].id must be a non-empty string`;
  const name = typeof record.name === 'string' && record.name.trim() !== '' ? record.name : id;
  const zone = typeof record.zone === 'string' && record.zone.trim() !== '' ? record.zone : UNASSIGNED_ZONE;
  let position: RegistryEntry['position'] = null;
  const p = record.position;
  if (typeof p === 'object' && p !== null) {
    const { x, y } = p as Record<string, unknown>;
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) position = { x, y };
  }
  return { id, name, zone, position };
}

/** Good entries are kept even when others are malformed; the bad ones are reported by index. */
export function parseRegistry(input: string | unknown): RegistryParse {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, code: 'INVALID_JSON', message: `registry is not valid JSON: ${(error as Error).message}` };
    }
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Record<string, unknown>).devices)) {
    return { ok: false, code: 'INVALID_MESSAGE', message: 'registry must be an object with a "devices" list' };
  }
  const entries: RegistryEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  ((value as { devices: unknown[] }).devices).forEach((item, index) => {
    const entry = entryFrom(item, index);
    if (typeof entry === 'string') skipped.push(entry);
    else if (seen.has(entry.id)) skipped.push(`devices[${index}].id ${JSON.stringify(entry.id)} appears twice`);
    else {
      seen.add(entry.id);
      entries.push(entry);
    }
  });
  return { ok: true, entries, skipped };
}
