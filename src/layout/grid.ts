// A small builder for SheetLayout: put values, formulas and merges by row and column.
import type { CellInput, CellSpec, CellValue, ItemAnchors, SheetLayout } from './types';
import type { StyleName } from './styles';
import { cellText } from './text';

/** Strings as a cell can hold them (see text.ts); numbers and booleans as they are. */
function storable(value: CellValue): CellValue {
  return typeof value === 'string' ? cellText(value) : value;
}

/** What a cell of a sheet shows: its value, or its formula's cached result (null when empty). */
export function shownValue(sheet: SheetLayout, row: number, col: number): CellValue {
  for (let i = sheet.cells.length - 1; i >= 0; i--) {
    const c = sheet.cells[i];
    if (c.row !== row || c.col !== col) continue;
    if (c.formula !== undefined) return c.result ?? null;
    if (c.value !== undefined) return c.value;
  }
  return null;
}

/** Where a cell spreads (a merge), its number format, and whether it is a round-year input. */
export interface Span {
  rows?: number;
  cols?: number;
  numFmt?: string;
  input?: CellInput;
}

export class SheetBuilder {
  readonly layout: SheetLayout;

  constructor(name: string, kind: SheetLayout['kind']) {
    this.layout = { name, kind, cells: [], merges: [], columns: [], rowHeights: {}, validations: [], conditionalFormats: [], protect: true };
  }

  /** A value (or nothing) at one cell, merged over bottom/right when given. */
  put(row: number, col: number, value: CellValue | undefined, style: StyleName, span?: Span): CellSpec {
    const cell: CellSpec = { row, col, style };
    if (value !== undefined && value !== null && value !== '') cell.value = storable(value);
    if (span?.numFmt) cell.numFmt = span.numFmt;
    if (span?.input) cell.input = span.input;
    this.layout.cells.push(cell);
    this.styleSpan(row, col, style, span);
    return cell;
  }

  /** A formula with the engine's value as its cached result. */
  formula(row: number, col: number, formula: string, result: CellValue, style: StyleName, span?: { rows?: number; cols?: number; numFmt?: string }): CellSpec {
    const cell: CellSpec = { row, col, formula, result: storable(result ?? ''), style };
    if (span?.numFmt) cell.numFmt = span.numFmt;
    this.layout.cells.push(cell);
    this.styleSpan(row, col, style, span);
    return cell;
  }

  /** What a cell shows as written so far: its value, or its formula's cached result (null when empty). */
  valueAt(row: number, col: number): CellValue {
    return shownValue(this.layout, row, col);
  }

  /** Merged ranges need their border on every cell, so the covered cells get the style too. */
  private styleSpan(row: number, col: number, style: StyleName, span?: { rows?: number; cols?: number }): void {
    const rows = span?.rows ?? 1;
    const cols = span?.cols ?? 1;
    if (rows === 1 && cols === 1) return;
    this.layout.merges.push({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 });
    for (let r = row; r < row + rows; r++)
      for (let c = col; c < col + cols; c++) if (r !== row || c !== col) this.layout.cells.push({ row: r, col: c, style });
  }

  height(row: number, points: number): void {
    this.layout.rowHeights[row] = Math.max(this.layout.rowHeights[row] ?? 0, Math.min(409, points));
  }
}

/** Row height in points for text wrapped in a box `width` characters wide (Excel column units). */
export function wrappedHeight(texts: (string | undefined)[], width: number, fontSize: number, minimum = 15): number {
  const charsPerLine = Math.max(4, Math.floor(width / (fontSize >= 9 ? 1.5 : 1.3)));
  let lines = 1;
  for (const text of texts) {
    if (!text) continue;
    const n = text.split('\n').reduce((sum, para) => sum + Math.max(1, Math.ceil(visualLength(para) / charsPerLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.max(minimum, Math.ceil(lines * (fontSize + 2.6) + 4));
}

/** Half-width characters count half a full-width one. */
function visualLength(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return n;
}

export const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export function circled(no: number): string {
  return no >= 1 && no <= 20 ? CIRCLED[no - 1] : `(${no})`;
}
export function uncircle(text: string): number | null {
  const ch = text.trim().charAt(0);
  if (!ch) return null; // ''.indexOf('') would be 0: an empty cell is no KPI number
  const i = CIRCLED.indexOf(ch);
  return i >= 0 ? i + 1 : null;
}

/** Anchors of an item sheet before any row is placed; each layout fills in where its cells land. */
export function emptyAnchors(itemId: string, years: string[], baselineCol: number): ItemAnchors {
  return {
    itemId,
    headerRow: 0,
    yearCols: {},
    baselineCol,
    helperCols: {},
    kpis: [],
    flags: Object.fromEntries(years.map((y) => [y, []])),
    references: [],
    schedule: [],
    quarterCols: {},
    countRow: 0,
    evaluationRows: { factors: 0, nextYearIssues: 0, response: 0 },
    narrativeRow: 0,
  };
}
