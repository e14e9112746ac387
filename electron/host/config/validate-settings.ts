import type { FieldSpec } from './settings-schema';

export interface SettingsIssue {
  /** Dotted path of the offending field, e.g. `mqtt.connections[0].url`. */
  readonly field: string;
  readonly message: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function checkNumber(spec: FieldSpec, value: number, path: string, issues: SettingsIssue[]): void {
  if (spec.min !== undefined && value < spec.min) issues.push({ field: path, message: `must be at least ${spec.min}, got ${value}` });
  if (spec.max !== undefined && value > spec.max) issues.push({ field: path, message: `must be at most ${spec.max}, got ${value}` });
}

function checkValue(spec: FieldSpec, value: unknown, path: string, issues: SettingsIssue[]): void {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') issues.push({ field: path, message: `must be a string, got ${describe(value)}` });
      return;
    case 'boolean':
      if (typeof value !== 'boolean') issues.push({ field: path, message: `must be true or false, got ${describe(value)}` });
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push({ field: path, message: `must be a whole number, got ${describe(value)}` });
      } else checkNumber(spec, value, path, issues);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push({ field: path, message: `must be a number, got ${describe(value)}` });
      } else checkNumber(spec, value, path, issues);
      return;
    case 'enum':
      if (typeof value !== 'string' || !(spec.values ?? []).includes(value)) {
        issues.push({ field: path, message: `must be one of ${(spec.values ?? []).join(', ')}, got ${describe(value)}` });
      }
      return;
    case 'array':
      if (!Array.isArray(value)) {
        issues.push({ field: path, message: `must be a list, got ${describe(value)}` });
        return;
      }
      if (spec.items) value.forEach((item, i) => checkValue(spec.items as FieldSpec, item, `${path}[${i}]`, issues));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ field: path || '(top level)', message: `must be an object, got ${describe(value)}` });
        return;
      }
      if (spec.open) return;
      const record = value as Record<string, unknown>;
      const fields = spec.fields ?? {};
      for (const key of Object.keys(record)) {
        const child = fields[key];
        if (!child) issues.push({ field: join(path, key), message: 'is not a known setting' });
        else checkValue(child, record[key], join(path, key), issues);
      }
      for (const [key, child] of Object.entries(fields)) {
        if (child.required && !(key in record)) issues.push({ field: join(path, key), message: 'is required' });
      }
      return;
    }
  }
}

/** Every problem at once, so an operator fixing settings.json sees the whole list in one go. */
export function validateAgainstSchema(spec: FieldSpec, value: unknown): ReadonlyArray<SettingsIssue> {
  const issues: SettingsIssue[] = [];
  checkValue(spec, value, '', issues);
  return issues;
}

/** Fills absent fields with their defaults (objects recursively); present values are kept. */
export function applyDefaults(spec: FieldSpec, value: unknown): unknown {
  if (spec.kind === 'object' && !spec.open) {
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const out: Record<string, unknown> = { ...record };
    for (const [key, child] of Object.entries(spec.fields ?? {})) {
      const filled = applyDefaults(child, record[key]);
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  if (spec.kind === 'array' && Array.isArray(value) && spec.items) {
    return value.map((item) => applyDefaults(spec.items as FieldSpec, item));
  }
  if (value !== undefined) return value;
  return spec.default === undefined ? undefined : structuredClone(spec.default);
}
