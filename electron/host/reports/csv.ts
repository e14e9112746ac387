// RFC 4180 CSV. A report holds several tables; each begins with a `# name` line and its header, and
// tables are separated by an empty line, so a spreadsheet opens it and a parser can split it.

export interface CsvTable {
  readonly name: string;
  readonly header: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
}

export function csvField(value: string): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet; a quote mark before it keeps it text.
  const safe = /^[=+@]/.test(value) || /^-[^0-9]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvDocument(tables: ReadonlyArray<CsvTable>): string {
  const out: string[] = [];
  tables.forEach((table, i) => {
    if (i > 0) out.push('');
    out.push(`# ${table.name}`);
    out.push(table.header.map(csvField).join(','));
    for (const row of table.rows) out.push(row.map(csvField).join(','));
  });
  // A BOM makes Excel read the Korean as UTF-8.
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
