/** Splits a report CSV (RFC 4180, `# name` before each table) into its tables of header-keyed rows. */
export function parseReportCsv(text: string): Map<string, Array<Record<string, string>>> {
  const body = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(field); records.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); records.push(row); }
  const tables = new Map<string, Array<Record<string, string>>>();
  let name: string | null = null;
  let header: string[] | null = null;
  for (const r of records) {
    if (r.length === 1 && r[0] === '') { name = null; header = null; continue; }
    if (name === null) { name = (r[0] ?? '').replace(/^# /, ''); tables.set(name, []); continue; }
    if (header === null) { header = r; continue; }
    const h = header;
    tables.get(name)!.push(Object.fromEntries(h.map((k, i) => [k, r[i] ?? ''])));
  }
  return tables;
}
