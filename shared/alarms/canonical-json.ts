// One text for one value, whoever writes it: object keys sorted by UTF-16 code units, no white
// space, numbers and strings as JSON.stringify writes them. That is RFC 8785 (JCS) for the values
// the journal and the station messages hold (strings, finite numbers, booleans, null, arrays and
// plain objects), so another implementation can recompute a hash or a signature.

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path} is not a plain object`);
      const record = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
}

/**
 * The canonical JSON text of a value. Properties whose value is undefined are left out, as
 * JSON.stringify does; anything JSON cannot represent (NaN, functions, class instances) throws a
 * CanonicalJsonError, since a hash over a silently altered value would prove nothing.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}
