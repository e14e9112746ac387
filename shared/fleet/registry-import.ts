import type { RegistryEntry } from './registry';
import { UNASSIGNED_ZONE } from './registry';

/**
 * A device registry imported from a file on the settings screen (CSV or JSON). Stricter than the
 * registry message from the broker: an import is a person's deliberate act, so every bad row is
 * named with its line and nothing is applied until all rows are good.
 *
 * CSV: a header row, then one device a line. Columns (any order, any case): `id` (or `device_id`,
 * `deviceId`), `name`, `location` (taken as the name when there is no name), `zone`, or
 * `building` / `floor` / `room` (joined as the zone when there is no zone), `x`, `y`.
 * JSON: `{"devices": [{"id", "name", "zone", "position": {"x", "y"}}]}` or the bare list.
 */

export type RegistryImportFormat = 'csv' | 'json';

export interface RegistryImportIssue {
  /** CSV: the file's line (1-based, the header is line 1). JSON: the device's place in the list (1-based). */
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type RegistryImportOutcome =
  | { readonly ok: true; readonly format: RegistryImportFormat; readonly entries: ReadonlyArray<RegistryEntry> }
  | { readonly ok: false; readonly format: RegistryImportFormat; readonly issues: ReadonlyArray<RegistryImportIssue> };

export const MAX_IMPORT_DEVICES = 20_000;
const MAX_TEXT = 100;
/** More than this and the list would only be noise; the first ones show what is wrong. */
const MAX_ISSUES = 200;

const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  id: 'id',
  device_id: 'id',
  deviceid: 'id',
  device: 'id',
  name: 'name',
  location: 'location',
  zone: 'zone',
  building: 'building',
  floor: 'floor',
  room: 'room',
  x: 'x',
  y: 'y',
};

export function guessRegistryFormat(text: string): RegistryImportFormat {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

interface CsvLine {
  readonly line: number;
  readonly cells: ReadonlyArray<string>;
}

/** RFC 4180 as spreadsheets write it: quoted cells may hold the delimiter, quotes ("") and line breaks. */
export function splitCsv(text: string, delimiter: string): ReadonlyArray<CsvLine> {
  const rows: CsvLine[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let touched = false;
  const endRow = (): void => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (c === '\n') line += 1;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0 || touched) endRow();
  return rows;
}

function detectDelimiter(headerLine: string): string {
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(';') && !headerLine.includes(',')) return ';';
  return ',';
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

function numberCell(value: string): number | null {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? n : null;
}

interface Collector {
  readonly issues: RegistryImportIssue[];
  readonly entries: RegistryEntry[];
  readonly firstLine: Map<string, number>;
}

function add(collector: Collector, line: number, field: string, message: string): void {
  if (collector.issues.length < MAX_ISSUES) collector.issues.push({ line, field, message });
}

function accept(collector: Collector, line: number, entry: RegistryEntry, idField: string): void {
  const before = collector.firstLine.get(entry.id);
  if (before !== undefined) {
    add(collector, line, idField, `${JSON.stringify(entry.id)} appears twice (first on line ${before})`);
    return;
  }
  collector.firstLine.set(entry.id, line);
  collector.entries.push(entry);
}

function checkLength(collector: Collector, line: number, field: string, value: string): boolean {
  if (value.length <= MAX_TEXT) return true;
  add(collector, line, field, `is longer than ${MAX_TEXT} characters`);
  return false;
}

function parseCsv(input: string): RegistryImportOutcome {
  const body = input.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const rows = splitCsv(body, detectDelimiter(firstLine));
  const collector: Collector = { issues: [], entries: [], firstLine: new Map() };
  const header = rows[0];
  if (header === undefined) return { ok: false, format: 'csv', issues: [{ line: 1, field: 'header', message: 'the file is empty: a header row (id,name,zone,…) is needed' }] };
  const columns = header.cells.map((c) => COLUMN_ALIASES[c.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? null);
  header.cells.forEach((c, i) => {
    if (columns[i] === null) add(collector, header.line, c.trim() === '' ? `column ${i + 1}` : c.trim(), 'is not a known column (id, name, location, zone, building, floor, room, x, y)');
  });
  if (!columns.includes('id')) add(collector, header.line, 'id', 'the header has no id column');
  if (collector.issues.length > 0) return { ok: false, format: 'csv', issues: collector.issues };
  if (rows.length - 1 > MAX_IMPORT_DEVICES) {
    return { ok: false, format: 'csv', issues: [{ line: (rows[MAX_IMPORT_DEVICES + 1] as CsvLine).line, field: 'row', message: `an import holds at most ${MAX_IMPORT_DEVICES} devices` }] };
  }
  for (const row of rows.slice(1)) {
    if (row.cells.length > columns.length) {
      add(collector, row.line, 'row', `has ${row.cells.length} cells but the header names ${columns.length} columns`);
      continue;
    }
    const cell: Record<string, string> = {};
    columns.forEach((name, i) => {
      if (name !== null) cell[name] = text(row.cells[i]);
    });
    const id = cell.id ?? '';
    if (id === '') {
      add(collector, row.line, 'id', 'is empty');
      continue;
    }
    let good = checkLength(collector, row.line, 'id', id);
    const name = cell.name !== undefined && cell.name !== '' ? cell.name : cell.location !== undefined && cell.location !== '' ? cell.location : id;
    good = checkLength(collector, row.line, cell.name ? 'name' : 'location', name) && good;
    const parts = [cell.building, cell.floor, cell.room].filter((p): p is string => p !== undefined && p !== '');
    const zone = cell.zone !== undefined && cell.zone !== '' ? cell.zone : parts.length > 0 ? parts.join(' / ') : UNASSIGNED_ZONE;
    good = checkLength(collector, row.line, 'zone', zone) && good;
    let position: RegistryEntry['position'] = null;
    const xs = cell.x ?? '';
    const ys = cell.y ?? '';
    if (xs !== '' || ys !== '') {
      const x = numberCell(xs);
      const y = numberCell(ys);
      if (x === null) add(collector, row.line, 'x', xs === '' ? 'is empty while y is given' : `must be a number, got ${JSON.stringify(xs)}`);
      if (y === null) add(collector, row.line, 'y', ys === '' ? 'is empty while x is given' : `must be a number, got ${JSON.stringify(ys)}`);
      if (x === null || y === null) continue;
      position = { x, y };
    }
    if (good) accept(collector, row.line, { id, name, zone, position }, 'id');
  }
  if (collector.issues.length > 0) return { ok: false, format: 'csv', issues: collector.issues };
  if (collector.entries.length === 0) return { ok: false, format: 'csv', issues: [{ line: 2, field: 'row', message: 'the file names no device' }] };
  return { ok: true, format: 'csv', entries: collector.entries };
}

function optionalString(collector: Collector, line: number, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    add(collector, line, field, 'must be text');
    return null;
  }
  return checkLength(collector, line, field, value.trim()) ? value.trim() : null;
}

function parseJson(input: string): RegistryImportOutcome {
  let value: unknown;
  try {
    value = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, format: 'json', issues: [{ line: 1, field: 'file', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? (value as Record<string, unknown>).devices : undefined;
  if (!Array.isArray(list)) return { ok: false, format: 'json', issues: [{ line: 1, field: 'devices', message: 'must be a list of devices ({"devices": [...]})' }] };
  if (list.length > MAX_IMPORT_DEVICES) return { ok: false, format: 'json', issues: [{ line: MAX_IMPORT_DEVICES + 1, field: 'devices', message: `an import holds at most ${MAX_IMPORT_DEVICES} devices` }] };
  const collector: Collector = { issues: [], entries: [], firstLine: new Map() };
  list.forEach((item: unknown, index) => {
    const line = index + 1;
    const at = `devices[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      add(collector, line, at, 'must be an object');
      return;
    }
    const record = item as Record<string, unknown>;
    const rawId = typeof record.id === 'number' && Number.isFinite(record.id) ? String(record.id) : record.id;
    if (typeof rawId !== 'string' || rawId.trim() === '') {
      add(collector, line, `${at}.id`, 'must be a non-empty string');
      return;
    }
    const before = collector.issues.length;
    const id = rawId.trim();
    checkLength(collector, line, `${at}.id`, id);
    const name = optionalString(collector, line, `${at}.name`, record.name) || id;
    const zone = optionalString(collector, line, `${at}.zone`, record.zone) || UNASSIGNED_ZONE;
    let position: RegistryEntry['position'] = null;
    if (record.position !== undefined && record.position !== null) {
      const p = record.position as Record<string, unknown>;
      if (typeof p !== 'object' || typeof p.x !== 'number' || typeof p.y !== 'number' || !Number.isFinite(p.x) || !Number.isFinite(p.y)) {
        add(collector, line, `${at}.position`, 'must be {"x": number, "y": number}');
      } else position = { x: p.x, y: p.y };
    }
    if (collector.issues.length === before) accept(collector, line, { id, name, zone, position }, `${at}.id`);
  });
  if (collector.issues.length > 0) return { ok: false, format: 'json', issues: collector.issues };
  if (collector.entries.length === 0) return { ok: false, format: 'json', issues: [{ line: 1, field: 'devices', message: 'the list names no device' }] };
  return { ok: true, format: 'json', entries: collector.entries };
}

/** All rows or none: `ok: false` lists every bad row (up to 200) with its line. */
export function parseRegistryImport(input: string, format: RegistryImportFormat = guessRegistryFormat(input)): RegistryImportOutcome {
  return format === 'json' ? parseJson(input) : parseCsv(input);
}
