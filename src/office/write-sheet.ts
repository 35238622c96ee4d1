/// <reference types="office-js" />
// The Office.js host for the layout: renders a SheetLayout / WorkbookLayout into the open workbook,
// cell for cell what the exceljs writer (src/xlsx/write.ts) puts in an .xlsx file. No layout decisions
// here: only how to say the layout to Excel in few round trips.
//
// Round trips. Every `context.sync()` is a network round trip on Excel on the web, so nothing syncs
// inside a loop over cells, styles or sheets. A write is planned first (a flat list of queued
// operations, each with an estimate of its request bytes), then cut into batches that stay well
// under Excel on the web's ~5 MB request limit, and each batch is queued and synced once:
//   sync 1      load the workbook's sheet names (to refuse or replace sheets that already exist);
//   sync 2..n   the batches (for one item sheet: one batch; for the 30-item Gunma plan: a few).
// Values and formulas go as one 2-D `range.formulas` per block (the used rectangle of a sheet, cut
// into row bands only when it is too big for one request); number formats likewise as a 2-D
// `range.numberFormat`; each named style as one format write per group of cells, addressed with
// `worksheet.getRanges("A1:B2,C3")`; validations that say the same thing share one RangeAreas too.
// Each batch suspends screen updating until its sync, and every batch but the last suspends API
// calculation too (see writeSheets).
//
// API sets: RangeAreas, page layout and suspendScreenUpdatingUntilNextSync need ExcelApi 1.9
// (manifest.xml requires it); data validation 1.8, conditional formats 1.6, protection 1.2.
//
// Undo: Office.js offers no API that groups these changes into one undo step (and Excel may not keep
// add-in writes on its undo stack at all); regenerating is the way back. Existing sheets are never
// overwritten unless the caller asks for 'replace'.

import { columnLetter } from '../layout/a1';
import { FONT_NAME, LOOKS, STYLES, type CellStyle, type StyleName } from '../layout/styles';
import type { CellSpec, CellValue, ConditionalFormatSpec, MergeSpec, SheetLayout, ValidationSpec, WorkbookLayout } from '../layout/types';
import { headerFooterCodes, needsTextPrefix } from '../layout/text';
import { INPUT_FILL } from '../layout/protection';

export { needsTextPrefix };

/** Excel on the web refuses requests over about 5 MB; batches are cut at half that, for headroom in the estimate. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_BATCH_BYTES = 2_500_000;
/** Request bytes of one queued action besides its arguments (object path + action JSON). */
const ACTION_BYTES = 200;
/** Excel's own limit for a reference string: a union address longer than this is split. */
const MAX_ADDRESS_CHARS = 255;

export interface OfficeWriteOptions {
  /** Sheet protection password; none by default, like the .xlsx writer. */
  password?: string;
  /**
   * What to do when a sheet of the same name is already in the workbook: 'fail' (default) stops before
   * anything is written; 'replace' writes the new sheet and deletes the old one in the same run.
   */
  existing?: 'fail' | 'replace';
  /** Estimated request bytes per sync (default 2.5 MB, under Excel on the web's ~5 MB limit). */
  maxBatchBytes?: number;
  /** Activate the first visible written sheet at the end (default true), or the sheet of this name. */
  activate?: boolean | string;
  /**
   * The workbook's sheet names in order, when the caller has just read them: the name check's sync is
   * then skipped (an operation that read the workbook writes in one sync fewer).
   */
  knownSheets?: string[];
  /** Where new sheets go (final 0-based index); a replaced sheet keeps its place; others go last. */
  positions?: Record<string, number>;
  /**
   * More to do on written sheets that the layout does not describe (the consolidation summary's
   * colours, data bars and filters): queued after every sheet's content, before protection, in the
   * same batches (no extra sync). Make them with sheetExtra.
   */
  extras?: SheetExtra[];
}

/** One more operation on a written sheet, with its estimated request bytes. */
export interface SheetExtra {
  sheet: string;
  bytes: number;
  apply(ws: Excel.Worksheet): void;
}

/** A SheetExtra of `actions` queued calls whose arguments are `args` (for the request-size estimate). */
export function sheetExtra(sheet: string, actions: number, args: unknown, apply: (ws: Excel.Worksheet) => void): SheetExtra {
  return { sheet, ...op(actions, args, apply) };
}

export interface WriteProgress {
  /** Batches synced so far, of total. */
  done: number;
  total: number;
}

export interface WriteReport {
  sheets: string[];
  /** context.sync() calls made, the name check included. */
  syncs: number;
  batches: number;
  /** Estimated request bytes of all batches, and of the largest one. */
  bytes: number;
  largestBatchBytes: number;
  replaced: string[];
}

export class SheetExistsError extends Error {
  constructor(readonly names: string[]) {
    super(`同じ名前のシートが既にあります: ${names.join('、')} / sheet(s) already exist: ${names.join(', ')}`);
    this.name = 'SheetExistsError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** Writes one sheet (added at the end of the workbook). Two syncs: the name check, then the write. */
export async function writeSheet(context: Excel.RequestContext, sheet: SheetLayout, options: OfficeWriteOptions = {}): Promise<WriteReport> {
  return writeSheets(context, [sheet], undefined, options);
}

/** Writes a whole workbook layout: every sheet is added first (formulas refer across sheets), then filled. */
export async function writeWorkbook(
  context: Excel.RequestContext,
  layout: WorkbookLayout,
  onProgress?: (progress: WriteProgress) => void,
  options: OfficeWriteOptions = {},
): Promise<WriteReport> {
  // A layout locked by year (layout/protection.ts) brings its password; the caller's wins.
  const password = options.password ?? layout.lock?.password;
  return writeSheets(context, layout.sheets, onProgress, { ...options, password }, layout.title);
}

/**
 * Writes sheets into the open workbook and leaves the workbook's properties alone (the 集計 summary
 * goes into the reform office's own workbook). Same syncs as writeWorkbook.
 */
export async function writeSheetsInto(
  context: Excel.RequestContext,
  sheets: SheetLayout[],
  onProgress?: (progress: WriteProgress) => void,
  options: OfficeWriteOptions = {},
): Promise<WriteReport> {
  return writeSheets(context, sheets, onProgress, options);
}

export interface SheetValues {
  name: string;
  /** 1-based row and column of values[0][0]; 0 when the sheet is empty. */
  top: number;
  left: number;
  address: string;
  /** Displayed-independent raw values (numbers, strings, booleans; '' for empty). */
  values: (string | number | boolean)[][];
  /** Formulas with '=' (or the value itself where there is no formula). */
  formulas: (string | number | boolean)[][];
  numberFormat: string[][];
}

/** The used range of one sheet — values, formulas and number formats — in one sync. */
export async function readSheetValues(context: Excel.RequestContext, sheetName: string): Promise<SheetValues> {
  const used = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
  used.load('address,rowIndex,columnIndex,values,formulas,numberFormat');
  await context.sync();
  if (used.isNullObject) return { name: sheetName, top: 0, left: 0, address: '', values: [], formulas: [], numberFormat: [] };
  return {
    name: sheetName,
    top: used.rowIndex + 1,
    left: used.columnIndex + 1,
    address: used.address,
    values: used.values as (string | number | boolean)[][],
    formulas: used.formulas as (string | number | boolean)[][],
    numberFormat: used.numberFormat as string[][],
  };
}

// ---------------------------------------------------------------------------------------------------
// Conversions (exported for tests and the reader)

/**
 * Column width in points from the layout's width in Excel character units (what exceljs writes to the
 * file). A width w stored in a file is w × the maximum digit width (7 px for the default Calibri 11)
 * plus rounding: px = trunc(7w + 0.5) (ECMA-376 §18.3.1.13), and 1 px = 0.75 pt at 96 dpi.
 * So 9 → 63 px → 47.25 pt, 7.5 → 53 px → 39.75 pt, 34 → 238 px → 178.5 pt.
 */
export function columnWidthPoints(width: number): number {
  return Math.trunc(width * 7 + 0.5) * 0.75;
}

/** '#RRGGBB' from the layout's ARGB. */
export function cssColor(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

/** What range.formulas gets for one cell. */
export function formulaInput(cell: { formula?: string; value?: CellValue }): string | number | boolean {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v = cell.value;
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return needsTextPrefix(v) ? `'${v}` : v;
  return v;
}

/** Rectangles covering a set of cells: runs along each row, stacked while they line up. */
export function rectangles(cells: Iterable<{ row: number; col: number }>): { top: number; left: number; bottom: number; right: number }[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    let cols = byRow.get(row);
    if (!cols) byRow.set(row, (cols = []));
    cols.push(col);
  }
  const done: { top: number; left: number; bottom: number; right: number }[] = [];
  let open = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const next = new Map<string, { top: number; left: number; bottom: number; right: number }>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        next.set(key, prev);
        open.delete(key);
      } else next.set(key, { top: row, left: cols[i], bottom: row, right: cols[j] });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

export function rectAddress(r: { top: number; left: number; bottom: number; right: number }): string {
  const tl = `${columnLetter(r.left)}${r.top}`;
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${columnLetter(r.right)}${r.bottom}`;
}

/** Comma-joined addresses, cut so no string passes Excel's 255-character reference limit. */
export function addressChunks(addresses: string[], max = MAX_ADDRESS_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Planning: the whole write as a flat list of operations with estimated request sizes.

interface Op {
  bytes: number;
  apply(ws: Excel.Worksheet): void;
}

function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

function op(actions: number, args: unknown, apply: (ws: Excel.Worksheet) => void): Op {
  return { bytes: actions * ACTION_BYTES + (args === undefined ? 0 : utf8Bytes(JSON.stringify(args))), apply };
}

/** The last spec at each cell decides its style and number format; a value stays unless overwritten (as in exceljs). */
function resolveCells(cells: CellSpec[]) {
  type Resolved = { row: number; col: number; input: string | number | boolean; style: StyleName; numFmt?: string } & Pick<
    CellSpec,
    'protection'
  >;
  const map = new Map<string, Resolved>();
  for (const c of cells) {
    const key = `${c.row},${c.col}`;
    const prev = map.get(key);
    const hasContent = c.formula !== undefined || (c.value !== undefined && c.value !== null);
    const input = hasContent ? formulaInput(c) : (prev?.input ?? '');
    map.set(key,
      { row: c.row, col: c.col, input, style: c.style, numFmt: c.numFmt, protection: c.protection ?? prev?.protection });
  }
  return [...map.values()];
}

function planValues(sheet: SheetLayout, bandBytes: number): Op[] {
  const cells = resolveCells(sheet.cells);
  if (cells.length === 0) return [];
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const bottom = Math.max(...cells.map((c) => c.row));
  const right = Math.max(...cells.map((c) => c.col));
  const width = right - left + 1;
  const inputs: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    inputs.push(new Array(width).fill(''));
    formats.push(new Array(width).fill('General'));
  }
  for (const c of cells) {
    inputs[c.row - top][c.col - left] = c.input;
    formats[c.row - top][c.col - left] = c.numFmt ?? (STYLES[c.style] as CellStyle).numFmt ?? 'General';
  }
  // Row bands: one band (the whole rectangle) unless it is too big for one request.
  const ops: Op[] = [];
  let start = 0;
  let size = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    const address = `${columnLetter(left)}${top + start}:${columnLetter(right)}${top + end - 1}`;
    const block = inputs.slice(start, end);
    const fmt = formats.slice(start, end);
    // Values first, then number formats: typing a value can change a cell's format, ours must win.
    ops.push(op(2, block, (ws) => void (ws.getRange(address).formulas = block)));
    ops.push(op(2, fmt, (ws) => void (ws.getRange(address).numberFormat = fmt)));
    start = end;
    size = 0;
  };
  for (let i = 0; i < inputs.length; i++) {
    const rowBytes = utf8Bytes(JSON.stringify(inputs[i])) + utf8Bytes(JSON.stringify(formats[i]));
    if (size > 0 && size + rowBytes > bandBytes) flush(i);
    size += rowBytes;
  }
  flush(inputs.length);
  return ops;
}

const BORDER_COLOR = '#7F7F7F';
const ALL_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center' } as const;

function applyStyle(format: Excel.RangeFormat, style: CellStyle): void {
  format.font.name = style.font.name ?? FONT_NAME;
  format.font.size = style.font.size;
  if (style.font.bold) format.font.bold = true;
  if (style.font.color) format.font.color = cssColor(style.font.color);
  if (style.fill) format.fill.color = cssColor(style.fill);
  format.horizontalAlignment = H_ALIGN[style.align.horizontal];
  format.verticalAlignment = V_ALIGN[style.align.vertical];
  if (style.align.wrap) format.wrapText = true;
  if (style.align.shrink && !style.align.wrap) format.shrinkToFit = true; // Excel ignores shrink when wrapping
  format.protection.locked = style.locked;
  const edges = style.border === 'thin' ? ALL_EDGES : style.border === 'bottom' ? (['EdgeBottom', 'InsideHorizontal'] as const) : [];
  for (const edge of edges) {
    const b = format.borders.getItem(edge);
    b.style = 'Continuous';
    b.weight = 'Thin';
    b.color = BORDER_COLOR;
  }
}

function styleActions(style: CellStyle): number {
  const edges = style.border === 'thin' ? 6 : style.border === 'bottom' ? 2 : 0;
  return 10 + edges * 4;
}

/** A named style with a cell's lock bit and 「入力欄」 shade when lockByYear set them (layout/protection.ts). */
function protectedStyle(name: StyleName, protection: CellSpec['protection']): CellStyle {
  const style: CellStyle = STYLES[name];
  if (!protection) return style;
  return { ...style, locked: protection.locked, ...(protection.shade ? { fill: INPUT_FILL } : {}) };
}

/** Styles per range, not per cell: one operation per (style, protection) over the rectangles wearing it. */
function planStyles(sheet: SheetLayout): Op[] {
  const byStyle = new Map<string, { style: CellStyle; cells: { row: number; col: number }[] }>();
  for (const c of resolveCells(sheet.cells)) {
    const key = `${c.style}|${c.protection?.locked ?? ''}|${c.protection?.shade ?? ''}`;
    let entry = byStyle.get(key);
    if (!entry) byStyle.set(key, (entry = { style: protectedStyle(c.style, c.protection), cells: [] }));
    entry.cells.push(c);
  }
  const ops: Op[] = [];
  for (const { style, cells } of byStyle.values()) {
    for (const address of addressChunks(rectangles(cells).map(rectAddress)))
      ops.push(op(styleActions(style), address, (ws) => applyStyle(ws.getRanges(address).format, style)));
  }
  return ops;
}

/** One merge per range; one-row merges stacked over the same columns go as one merge(across). */
function planMerges(merges: MergeSpec[]): Op[] {
  const ops: Op[] = [];
  const rows = merges.filter((m) => m.top === m.bottom).sort((a, b) => a.left - b.left || a.right - b.right || a.top - b.top);
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].left === rows[i].left && rows[j + 1].right === rows[i].right && rows[j + 1].top === rows[j].top + 1) j++;
    const address = rectAddress({ top: rows[i].top, left: rows[i].left, bottom: rows[j].top, right: rows[i].right });
    ops.push(op(2, address, (ws) => ws.getRange(address).merge(true)));
    i = j + 1;
  }
  for (const m of merges.filter((m) => m.top !== m.bottom)) {
    const address = rectAddress(m);
    ops.push(op(2, address, (ws) => ws.getRange(address).merge(false)));
  }
  return ops;
}

/** Runs of consecutive indexes with the same value: [first, last, value]. */
function runs(entries: [number, number][]): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const [i, v] of [...entries].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1 && last[2] === v) last[1] = i;
    else out.push([i, i, v]);
  }
  return out;
}

/** Column widths, hidden columns and row heights: one plain range per run of equal neighbours. */
function planDimensions(sheet: SheetLayout): Op[] {
  const ops: Op[] = [];
  for (const [first, last, width] of runs(sheet.columns.map((c, i) => [i + 1, c.width]))) {
    const address = `${columnLetter(first)}:${columnLetter(last)}`;
    ops.push(op(2, address, (ws) => void (ws.getRange(address).format.columnWidth = columnWidthPoints(width))));
  }
  for (const [first, last] of runs(sheet.columns.flatMap((c, i): [number, number][] => (c.hidden ? [[i + 1, 1]] : [])))) {
    const address = `${columnLetter(first)}:${columnLetter(last)}`;
    ops.push(op(2, address, (ws) => void (ws.getRange(address).columnHidden = true)));
  }
  for (const [first, last, height] of runs(Object.entries(sheet.rowHeights).map(([row, h]) => [Number(row), h]))) {
    const address = `${first}:${last}`;
    ops.push(op(2, address, (ws) => void (ws.getRange(address).format.rowHeight = height)));
  }
  return ops;
}

function applyValidation(dv: Excel.DataValidation, v: ValidationSpec): void {
  dv.rule =
    v.type === 'list'
      ? { list: { inCellDropDown: true, source: v.list!.join(',') } }
      : { decimal: { formula1: -1e15, formula2: 1e15, operator: 'Between' } };
  dv.ignoreBlanks = true;
  dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
  // warning, not stop, for numbers: 「－」 (no value) must stay typeable in a number cell.
  dv.errorAlert = { showAlert: true, style: v.type === 'list' ? 'Stop' : 'Warning', title: v.errorTitle, message: v.error };
}

function planValidations(validations: ValidationSpec[]): Op[] {
  const groups = new Map<string, { spec: ValidationSpec; refs: string[] }>();
  for (const v of validations) {
    const { ref, ...rest } = v;
    const key = JSON.stringify(rest);
    const g = groups.get(key) ?? { spec: v, refs: [] };
    g.refs.push(ref);
    groups.set(key, g);
  }
  const ops: Op[] = [];
  for (const { spec, refs } of groups.values())
    for (const address of addressChunks(refs)) ops.push(op(5, [address, spec], (ws) => applyValidation(ws.getRanges(address).dataValidation, spec)));
  return ops;
}

/**
 * Conditional formats, one per spec (formulas are relative to each ref's own top-left cell). They are
 * added lowest priority first and each moved to the top (priority 0), so the rule with the layout's
 * priority 1 ends first, as in the .xlsx file.
 */
function planConditionalFormats(cfs: ConditionalFormatSpec[]): Op[] {
  return [...cfs]
    .map((cf, i) => ({ cf, i }))
    .sort((a, b) => b.cf.priority - a.cf.priority || b.i - a.i)
    .map(({ cf }) =>
      op(7, cf, (ws) => {
        const look = LOOKS[cf.look];
        const format = ws.getRange(cf.ref).conditionalFormats.add('Custom');
        format.custom.rule.formula = `=${cf.formula}`;
        format.custom.format.fill.color = cssColor(look.fill);
        format.custom.format.font.color = cssColor(look.font);
        format.priority = 0;
      }),
    );
}

function planSheetSettings(sheet: SheetLayout): Op[] {
  const ops: Op[] = [];
  if (sheet.tabColor) {
    const color = cssColor(sheet.tabColor);
    ops.push(op(1, color, (ws) => void (ws.tabColor = color)));
  }
  // As the .xlsx writer: gridlines off on item sheets (unless frozen), on elsewhere.
  if (!sheet.freeze && sheet.kind === 'item') ops.push(op(1, undefined, (ws) => void (ws.showGridlines = false)));
  if (sheet.freeze) {
    const { row, col } = sheet.freeze;
    ops.push(
      op(2, sheet.freeze, (ws) => {
        if (row > 0 && col > 0) ws.freezePanes.freezeAt(`A1:${columnLetter(col)}${row}`);
        else if (row > 0) ws.freezePanes.freezeRows(row);
        else if (col > 0) ws.freezePanes.freezeColumns(col);
      }),
    );
  }
  if (sheet.print) {
    const p = sheet.print;
    ops.push(
      op(16, p, (ws) => {
        const layout = ws.pageLayout;
        layout.paperSize = p.paper;
        layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
        // fitToHeight 0 = as many pages as needed, as in the file format.
        layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
        if (p.printArea) layout.setPrintArea(p.printArea);
        if (p.printTitleRows) layout.setPrintTitleRows(`$${p.printTitleRows[0]}:$${p.printTitleRows[1]}`);
        // Margins in points (the .xlsx writer's inches × 72).
        layout.leftMargin = 0.4 * 72;
        layout.rightMargin = 0.4 * 72;
        layout.topMargin = 0.6 * 72;
        layout.bottomMargin = 0.5 * 72;
        layout.headerMargin = 0.3 * 72;
        layout.footerMargin = 0.3 * 72;
        layout.centerHorizontally = true;
        const hf = layout.headersFooters.defaultForAllPages;
        const codes = headerFooterCodes(p); // '&' starts a code: literal text is escaped
        hf.centerHeader = codes.header;
        hf.centerFooter = codes.footer;
      }),
    );
  }
  return ops;
}

/** Everything for one sheet's content, in the order Excel needs it (protection comes later). */
function planSheet(sheet: SheetLayout, bandBytes: number): Op[] {
  return [
    ...planValues(sheet, bandBytes),
    ...planStyles(sheet),
    ...planMerges(sheet.merges),
    ...planDimensions(sheet),
    ...planValidations(sheet.validations),
    ...planConditionalFormats(sheet.conditionalFormats),
    ...planSheetSettings(sheet),
  ];
}

/**
 * The final index of each written sheet that is not already last in add order: a sheet replacing one
 * of the same name takes its place; others go to options.positions or stay at the end.
 */
function finalPositions(order: string[], sheets: SheetLayout[], positions: Record<string, number>): { name: string; index: number }[] {
  const written = new Set(sheets.map((s) => s.name.toLowerCase()));
  const final: (string | null)[] = order.map((name) => (written.has(name.toLowerCase()) ? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())!.name : null));
  // Start from the kept sheets and the replacements in place, then insert the others.
  const list: string[] = [];
  order.forEach((name, i) => list.push(final[i] ?? name));
  const added = sheets.filter((s) => !order.some((name) => name.toLowerCase() === s.name.toLowerCase()));
  const placed = added.filter((s) => positions[s.name] !== undefined).sort((a, b) => positions[a.name] - positions[b.name]);
  for (const s of added.filter((s) => positions[s.name] === undefined)) list.push(s.name);
  for (const s of placed) list.splice(Math.max(0, Math.min(positions[s.name], list.length)), 0, s.name);
  // Ascending moves of the written sheets only; a sheet already at its index after the earlier moves is left alone.
  const current = [...order.filter((name) => !written.has(name.toLowerCase())), ...sheets.map((s) => s.name)];
  const moves: { name: string; index: number }[] = [];
  list.forEach((name, index) => {
    if (current[index] === name) return;
    current.splice(current.indexOf(name), 1);
    current.splice(index, 0, name);
    moves.push({ name, index });
  });
  return moves;
}

/** Consecutive operations cut into batches of at most maxBytes (an operation bigger than that goes alone). */
function batches<T extends { bytes: number }>(ops: T[], maxBytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const o of ops) {
    if (current.length && size + o.bytes > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(o);
    size += o.bytes;
  }
  if (current.length) out.push(current);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Running

interface WorkOp {
  bytes: number;
  run(): void;
}

async function writeSheets(
  context: Excel.RequestContext,
  sheets: SheetLayout[],
  onProgress: ((progress: WriteProgress) => void) | undefined,
  options: OfficeWriteOptions,
  title?: string,
): Promise<WriteReport> {
  const maxBytes = Math.min(options.maxBatchBytes ?? DEFAULT_BATCH_BYTES, REQUEST_LIMIT_BYTES);
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // Sync 1: which of these names are taken (Excel compares sheet names ignoring case), and their order.
  const collection = context.workbook.worksheets;
  let order = options.knownSheets;
  if (!order) {
    collection.load('items/name');
    await sync();
    order = collection.items.map((w) => w.name);
  }
  const existing = new Map(order.map((name) => [name.toLowerCase(), name] as const));
  const clashes = sheets.filter((s) => existing.has(s.name.toLowerCase())).map((s) => existing.get(s.name.toLowerCase())!);
  if (clashes.length && options.existing !== 'replace') throw new SheetExistsError(clashes);

  // The plan. Worksheet proxies live for the whole Excel.run, so later batches reuse them.
  const handles = new Map<string, Excel.Worksheet>();
  const ws = (name: string) => handles.get(name)!;
  const work: WorkOp[] = [];
  const taken = new Set([...existing.keys(), ...sheets.map((s) => s.name.toLowerCase())]);
  const old: { name: string; temp: string }[] = clashes.map((name, i) => {
    let temp = `~hyoka-old-${i + 1}`;
    for (let n = 2; taken.has(temp.toLowerCase()); n++) temp = `~hyoka-old-${i + 1}-${n}`;
    taken.add(temp.toLowerCase());
    return { name, temp };
  });
  for (const o of old) work.push({ bytes: 3 * ACTION_BYTES, run: () => void (collection.getItem(o.name).name = o.temp) });
  if (title !== undefined) work.push({ bytes: ACTION_BYTES + utf8Bytes(title), run: () => void (context.workbook.properties.title = title) });
  // Every sheet exists before any formula is written: 一覧 refers to the item sheets.
  for (const sheet of sheets) work.push({ bytes: ACTION_BYTES + utf8Bytes(sheet.name), run: () => void handles.set(sheet.name, collection.add(sheet.name)) });
  for (const sheet of sheets)
    for (const o of planSheet(sheet, maxBytes / 4)) work.push({ bytes: o.bytes, run: () => o.apply(ws(sheet.name)) });
  for (const x of options.extras ?? []) {
    if (!sheets.some((sh) => sh.name === x.sheet)) throw new Error(`extras: ${x.sheet} is not a sheet being written`);
    work.push({ bytes: x.bytes, run: () => x.apply(ws(x.sheet)) });
  }
  // Last: protection (nothing can be formatted after it) and visibility.
  for (const sheet of sheets) {
    if (sheet.protect)
      work.push({
        bytes: 2 * ACTION_BYTES,
        run: () => ws(sheet.name).protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowFormatCells: false, selectionMode: 'Normal' }, options.password),
      });
    if (sheet.hidden) work.push({ bytes: ACTION_BYTES, run: () => void (ws(sheet.name).visibility = 'VeryHidden') });
  }
  const toActivate = typeof options.activate === 'string' ? sheets.find((s) => s.name === options.activate) : sheets.find((s) => !s.hidden);
  if (toActivate && options.activate !== false) work.push({ bytes: ACTION_BYTES, run: () => ws(toActivate.name).activate() });
  for (const o of old)
    work.push({
      bytes: 3 * ACTION_BYTES,
      run: () => {
        const sheet = collection.getItem(o.temp);
        sheet.visibility = 'Visible'; // a very hidden sheet is made visible before it is deleted
        sheet.delete();
      },
    });
  // Places, once the old sheets are gone: new sheets were added last; moving them in ascending order
  // of their final index leaves every sheet where it belongs (the kept ones never change order).
  for (const { name, index } of finalPositions(order, sheets, options.positions ?? {}))
    work.push({ bytes: ACTION_BYTES, run: () => void ((handles.get(name) ?? collection.getItem(name)).position = index) });

  // Syncs 2..n: one per batch.
  const planned = batches(work, maxBytes);
  let bytes = 0;
  let largest = 0;
  for (let i = 0; i < planned.length; i++) {
    // Calculation waits while formulas arrive over several batches; the last batch runs unsuspended,
    // so Excel's automatic recalculation picks up every cell left dirty before it (after a suspended
    // sync it is otherwise up to the add-in to recalculate).
    if (i < planned.length - 1) context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    let size = 0;
    for (const w of planned[i]) {
      w.run();
      size += w.bytes;
    }
    bytes += size;
    largest = Math.max(largest, size);
    await sync();
    onProgress?.({ done: i + 1, total: planned.length });
  }
  return { sheets: sheets.map((s) => s.name), syncs, batches: planned.length, bytes, largestBatchBytes: largest, replaced: clashes };
}
