// Renders a WorkbookLayout to an .xlsx file with exceljs. Every formula is written with the engine's
// value as its cached result, so Protected View, previewers and other readers show the right figures
// before anyone recalculates.
import ExcelJS from 'exceljs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Range = require('exceljs/lib/doc/range') as new (top: number, left: number, bottom: number, right: number) => unknown;
import type { CellSpec, CellValue, ConditionalFormatSpec, SheetLayout, WorkbookLayout } from '../layout/types';
import { INPUT_FILL } from '../layout/protection';
import { FONT_NAME, LOOKS, STYLES, type CellStyle, type StyleName } from '../layout/styles';
import { headerFooterCodes, needsTextPrefix } from '../layout/text';
import './exceljs-fixes';
import { promises as fs } from 'fs';
import { addCharts } from './charts';

const PAPER = { A3: 8, A4: 9 } as const;

/** exceljs's style plus the quotePrefix bit exceljs-fixes.ts writes. */
type QuotedStyle = Partial<ExcelJS.Style> & { quotePrefix?: boolean };

/** A cell's lock bit and 「入力欄」 shade when lockByYear decided them (layout/protection.ts). */
type Protection = CellSpec['protection'];

function toExcelStyle(style: CellStyle, numFmt?: string, quotePrefix = false, protection?: Protection): QuotedStyle {
  const thin = { style: 'thin' as const, color: { argb: 'FF7F7F7F' } };
  const out: QuotedStyle = {
    font: { name: FONT_NAME, size: style.font.size, bold: style.font.bold, color: style.font.color ? { argb: style.font.color } : undefined },
    alignment: { horizontal: style.align.horizontal, vertical: style.align.vertical, wrapText: style.align.wrap, shrinkToFit: style.align.shrink && !style.align.wrap },
    protection: { locked: protection?.locked ?? style.locked },
  };
  const fill = protection?.shade ? INPUT_FILL : style.fill;
  if (fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  if (style.border === 'thin') out.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (numFmt ?? style.numFmt) out.numFmt = numFmt ?? style.numFmt;
  if (quotePrefix) out.quotePrefix = true;
  return out;
}

/** One style object per (name, number format, quote prefix, protection): exceljs writes each distinct style once. */
function styleCache() {
  const cache = new Map<string, QuotedStyle>();
  return (name: StyleName, numFmt?: string, quotePrefix = false, protection?: Protection) => {
    const key = `${name}|${numFmt ?? ''}|${quotePrefix}|${protection?.locked ?? ''}|${protection?.shade ?? ''}`;
    let s = cache.get(key);
    if (!s) cache.set(key, (s = toExcelStyle(STYLES[name], numFmt, quotePrefix, protection)));
    return s;
  };
}

function conditionalRule(cf: ConditionalFormatSpec): ExcelJS.ConditionalFormattingRule {
  const look = LOOKS[cf.look];
  // Fill and font only: a number format here corrupts the file (exceljs #1814).
  return {
    type: 'expression',
    priority: cf.priority,
    formulae: [cf.formula],
    style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: look.fill } }, font: { color: { argb: look.font } } },
  };
}

export interface WriteOptions {
  /**
   * Sheet protection password; none by default (clerks can unprotect to insert rows). A layout locked by
   * year (layout.lock) brings its own; this one wins when both are given.
   */
  password?: string;
}

export async function renderWorkbook(layout: WorkbookLayout, options: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hyoka';
  wb.title = layout.title;
  wb.created = new Date(0); // reproducible files: the same plan gives the same bytes
  wb.modified = new Date(0);
  const style = styleCache();
  let sharedProtection: unknown = null;
  const password = options.password ?? layout.lock?.password;
  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      properties: { tabColor: sheet.tabColor ? { argb: sheet.tabColor } : undefined, defaultRowHeight: 15 },
      state: sheet.hidden ? 'veryHidden' : 'visible',
      views: sheet.freeze ? [{ state: 'frozen', xSplit: sheet.freeze.col, ySplit: sheet.freeze.row }] : [{ showGridLines: sheet.kind !== 'item' }],
    });
    writeSheet(ws, sheet, style);
    if (sheet.protect) {
      const opts = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, formatCells: false };
      // Hashing a password costs ~0.6 s per sheet (SHA-512, 100,000 spins): hash once, reuse.
      const sheetWithProtection = ws as unknown as { sheetProtection: unknown };
      if (password && sharedProtection) sheetWithProtection.sheetProtection = { ...(sharedProtection as object) };
      else await ws.protect(password ?? '', opts);
      sharedProtection ??= sheetWithProtection.sheetProtection;
    }
  }
  return wb;
}

/** A cached result as the file holds it: a number too large for a double is Excel's #NUM!, never "Infinity". */
function cachedResult(result: CellValue | undefined): CellValue | ExcelJS.CellErrorValue {
  return typeof result === 'number' && !Number.isFinite(result) ? { error: '#NUM!' } : (result ?? '');
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetLayout, style: ReturnType<typeof styleCache>): void {
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  });
  for (const cell of sheet.cells) {
    const c = ws.getCell(cell.row, cell.col);
    const result = cell.errorResult ? { error: cell.errorResult } : cachedResult(cell.result);
    if (cell.formula !== undefined) c.value = { formula: cell.formula, result } as ExcelJS.CellFormulaValue;
    else if (cell.value !== undefined && cell.value !== null) c.value = cell.value;
    // Text Excel would read as a formula or number on re-entry is marked, as Office.js's apostrophe does.
    const quoted = cell.formula === undefined && typeof cell.value === 'string' && needsTextPrefix(cell.value);
    c.style = style(cell.style, cell.numFmt, quoted, cell.protection);
  }
  mergeAll(ws, sheet);
  for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = height;
  for (const v of sheet.validations) {
    ws.getCell(v.ref).dataValidation =
      v.type === 'list'
        ? { type: 'list', allowBlank: true, formulae: [`"${v.list!.join(',')}"`], showErrorMessage: true, errorStyle: 'stop', errorTitle: v.errorTitle, error: v.error, showInputMessage: true, promptTitle: v.promptTitle, prompt: v.prompt }
        : // warning, not stop: 「－」 (no value) must stay typeable in a number cell.
          { type: 'decimal', operator: 'between', allowBlank: true, formulae: [-1e15, 1e15], showErrorMessage: true, errorStyle: 'warning', errorTitle: v.errorTitle, error: v.error, showInputMessage: true, promptTitle: v.promptTitle, prompt: v.prompt };
  }
  for (const cf of sheet.conditionalFormats) ws.addConditionalFormatting({ ref: cf.ref, rules: [conditionalRule(cf)] });
  if (sheet.print) {
    const p = sheet.print;
    ws.pageSetup = {
      paperSize: PAPER[p.paper] as unknown as ExcelJS.PaperSize,
      orientation: p.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      printArea: p.printArea,
      printTitlesRow: p.printTitleRows ? `${p.printTitleRows[0]}:${p.printTitleRows[1]}` : undefined,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.5, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    } as Partial<ExcelJS.PageSetup>;
    const codes = headerFooterCodes(p);
    ws.headerFooter = { oddHeader: `&C${codes.header}`, oddFooter: `&C${codes.footer}` };
  }
}

/**
 * exceljs checks each new merge against every earlier one (quadratic: a third of the write time for
 * a 300-item plan). The layout never overlaps merges (a test checks), so index them directly; covered
 * cells already wear their style, so nothing is copied from the master.
 */
function mergeAll(ws: ExcelJS.Worksheet, sheet: SheetLayout): void {
  const internal = ws as unknown as { _merges?: Record<string, unknown> };
  if (!internal._merges) {
    for (const m of sheet.merges) ws.mergeCellsWithoutStyle(m.top, m.left, m.bottom, m.right);
    return;
  }
  for (const m of sheet.merges) {
    const master = ws.getCell(m.top, m.left);
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) (ws.getCell(r, c) as unknown as { merge(master: ExcelJS.Cell, ignoreStyle: boolean): void }).merge(master, true);
    internal._merges[master.address] = new Range(m.top, m.left, m.bottom, m.right);
  }
}

/** Deflate level 3: about half the time of JSZip's default 6 for a file a few percent larger. */
const ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 3 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

export async function writeWorkbookFile(layout: WorkbookLayout, file: string, options?: WriteOptions): Promise<void> {
  if (layout.charts?.length) return fs.writeFile(file, await writeWorkbookBuffer(layout, options));
  const wb = await renderWorkbook(layout, options);
  await wb.xlsx.writeFile(file, ZIP);
}

export async function writeWorkbookBuffer(layout: WorkbookLayout, options?: WriteOptions): Promise<Buffer> {
  const wb = await renderWorkbook(layout, options);
  const written = Buffer.from(await wb.xlsx.writeBuffer(ZIP));
  // exceljs writes no charts: they are added to the written package (xlsx/charts.ts).
  return layout.charts?.length ? addCharts(written, layout.charts) : written;
}
