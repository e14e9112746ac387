import type { BenchSection } from './bench-types';

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 3);
}

export function formatSection(section: BenchSection): string {
  const width = Math.max(...section.figures.map((f) => f.label.length), 10);
  const lines = [`== ${section.name}`];
  for (const figure of section.figures) lines.push(`  ${figure.label.padEnd(width)}  ${formatValue(figure.value).padStart(14)} ${figure.unit}`);
  for (const note of section.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
