import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

// The A4 page every report is laid on: the shipped Pretendard, so Hangul renders the same on every
// machine and nothing is fetched; a header with the site and the title; "page i / n" and the time
// made in the footer, written once all pages exist. The font is the author's WOFF subset, not the
// screen's WOFF2: fontkit 2 copies a WOFF2 font's transformed glyf bytes when it subsets, which
// garbles glyphs and throws on composite ones; the WOFF subset holds the same glyphs.

export const PAGE_MARGIN = 42;
export const A4_WIDTH = 595.28;
export const A4_HEIGHT = 841.89;
export const FONT_REGULAR = 'regular';
export const FONT_BOLD = 'bold';

/** Finds resources/fonts from the repository root, whether running from source or from a bundle. */
export function defaultFontDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // The desktop app ships them as extra resources (electron-builder.yml): process.resourcesPath/fonts.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  for (const candidate of [...(packaged === undefined ? [] : [join(packaged, 'fonts')]), resolve(here, '../../../resources/fonts'), resolve(here, '../../resources/fonts'), resolve(process.cwd(), 'resources/fonts')]) {
    if (existsSync(join(candidate, 'Pretendard-Regular.subset.woff'))) return candidate;
  }
  throw new Error('resources/fonts/Pretendard-Regular.subset.woff was not found');
}

export interface ReportPage {
  readonly site: string;
  readonly title: string;
  /** Printed in the footer, e.g. "made 2026-03-01 09:00 UTC". */
  readonly footerNote: string;
  readonly fontDir?: string;
}

export type Doc = PDFKit.PDFDocument;

export function createReportDocument(page: ReportPage): Doc {
  const fonts = page.fontDir ?? defaultFontDir();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_MARGIN + 26, bottom: PAGE_MARGIN + 20, left: PAGE_MARGIN, right: PAGE_MARGIN },
    bufferPages: true,
    info: { Title: page.title, Author: 'Emberwatch', Subject: page.site },
  });
  doc.registerFont(FONT_REGULAR, join(fonts, 'Pretendard-Regular.subset.woff'));
  doc.registerFont(FONT_BOLD, join(fonts, 'Pretendard-Bold.subset.woff'));
  doc.font(FONT_REGULAR).fontSize(9);
  return doc;
}

/** Header and footer on every page; call after the last page is laid out. */
export function stampPages(doc: Doc, page: ReportPage): void {
  const range = doc.bufferedPageRange();
  const width = A4_WIDTH - 2 * PAGE_MARGIN;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(FONT_BOLD).fontSize(9).fillColor('#111111');
    doc.text(page.site, PAGE_MARGIN, PAGE_MARGIN, { width: width / 2, lineBreak: false });
    doc.font(FONT_REGULAR).fontSize(9).fillColor('#444444');
    doc.text(page.title, PAGE_MARGIN + width / 2, PAGE_MARGIN, { width: width / 2, align: 'right', lineBreak: false });
    doc.moveTo(PAGE_MARGIN, PAGE_MARGIN + 14).lineTo(A4_WIDTH - PAGE_MARGIN, PAGE_MARGIN + 14).lineWidth(0.5).strokeColor('#999999').stroke();
    const footY = A4_HEIGHT - PAGE_MARGIN - 4;
    doc.moveTo(PAGE_MARGIN, footY - 6).lineTo(A4_WIDTH - PAGE_MARGIN, footY - 6).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.fontSize(8).fillColor('#444444');
    doc.text(page.footerNote, PAGE_MARGIN, footY, { width: width / 2, lineBreak: false });
    doc.text(`${i - range.start + 1} / ${range.count}`, PAGE_MARGIN + width / 2, footY, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}

export function finishDocument(doc: Doc): Promise<Buffer> {
  return new Promise((resolvePdf, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(12).fillColor('#111111').text(text, PAGE_MARGIN, doc.y);
  doc.moveDown(0.25).font(FONT_REGULAR).fontSize(9);
}

/** Starts a new page when fewer than `height` points are left. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > A4_HEIGHT - doc.page.margins.bottom) doc.addPage();
}

export interface Column {
  readonly title: string;
  readonly width: number;
}

/** A simple table: header row, wrapped cells, page breaks that repeat the header. */
export function table(doc: Doc, columns: ReadonlyArray<Column>, rows: ReadonlyArray<ReadonlyArray<string>>): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const scale = (A4_WIDTH - 2 * PAGE_MARGIN) / total;
  const widths = columns.map((c) => c.width * scale);
  const drawHeader = (): void => {
    ensureSpace(doc, 30);
    const y = doc.y;
    doc.rect(PAGE_MARGIN, y - 2, A4_WIDTH - 2 * PAGE_MARGIN, 14).fillColor('#e8e8e8').fill();
    doc.font(FONT_BOLD).fontSize(8).fillColor('#111111');
    let x = PAGE_MARGIN;
    columns.forEach((c, i) => {
      doc.text(c.title, x + 2, y, { width: (widths[i] ?? 0) - 4, lineBreak: false, ellipsis: true });
      x += widths[i] ?? 0;
    });
    doc.y = y + 14;
    doc.font(FONT_REGULAR).fontSize(8);
  };
  drawHeader();
  for (const row of rows) {
    const heights = row.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 4 }));
    const h = Math.max(10, ...heights) + 3;
    if (doc.y + h > A4_HEIGHT - doc.page.margins.bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = PAGE_MARGIN;
    row.forEach((cell, i) => {
      doc.fillColor('#111111').text(cell, x + 2, y + 1, { width: (widths[i] ?? 0) - 4 });
      x += widths[i] ?? 0;
    });
    doc.moveTo(PAGE_MARGIN, y + h).lineTo(A4_WIDTH - PAGE_MARGIN, y + h).lineWidth(0.3).strokeColor('#cccccc').stroke();
    doc.y = y + h + 1;
  }
  doc.x = PAGE_MARGIN;
}

/** Label–value pairs in two columns. */
export function facts(doc: Doc, pairs: ReadonlyArray<readonly [string, string]>): void {
  for (const [label, value] of pairs) {
    ensureSpace(doc, 14);
    const y = doc.y;
    doc.font(FONT_BOLD).fontSize(9).fillColor('#333333').text(label, PAGE_MARGIN, y, { width: 140 });
    doc.font(FONT_REGULAR).fillColor('#111111').text(value, PAGE_MARGIN + 145, y, { width: A4_WIDTH - 2 * PAGE_MARGIN - 145 });
    doc.y = Math.max(doc.y, y + 12);
  }
  doc.x = PAGE_MARGIN;
}
