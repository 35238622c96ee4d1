// A sheet as the readers see it, whatever the host: values (a formula's cached or computed result),
// formulas, and addresses. exceljs (src/xlsx/grid.ts) and Office.js (src/office) both provide one,
// so the label-finding readers are written once.
import { a1 } from '../layout/a1';

export type Plain = number | string | boolean | null;

export interface Grid {
  name: string;
  rowCount: number;
  columnCount: number;
  /** The value a person sees; null when empty. A merged range speaks once, at its top-left cell. */
  value(row: number, col: number): Plain;
  /** The formula without '=', or null. */
  formula(row: number, col: number): string | null;
  /** The cell's number format ('0.0%', '#,##0' …), or null when general or unknown (hosts that do not say). */
  numFmt?(row: number, col: number): string | null;
}

export function rawText(g: Grid, row: number, col: number): string {
  const v = g.value(row, col);
  return v === null ? '' : String(v);
}

export function text(g: Grid, row: number, col: number): string {
  return rawText(g, row, col).trim();
}

export function address(row: number, col: number): string {
  return a1(row, col);
}

/** Every non-empty cell of a row, as [column, trimmed text]. */
export function rowTexts(g: Grid, row: number): [number, string][] {
  const out: [number, string][] = [];
  for (let c = 1; c <= g.columnCount; c++) {
    const t = text(g, row, c);
    if (t) out.push([c, t]);
  }
  return out;
}

/** First cell whose text passes the test, scanning rows top to bottom. */
export function findCell(g: Grid, test: (text: string) => boolean, fromRow = 1, toRow = g.rowCount): { row: number; col: number } | null {
  for (let r = fromRow; r <= toRow; r++) for (const [col, t] of rowTexts(g, r)) if (test(t)) return { row: r, col };
  return null;
}

/** First row in [fromRow, toRow] whose cell in `col` passes the test: labels sit in their own column, so a
 * clerk's text equal to a label, typed in an input cell, is never taken for one. */
export function findInColumn(g: Grid, col: number, test: (t: string) => boolean, fromRow = 1, toRow = g.rowCount) {
  for (let r = fromRow; r <= toRow; r++) if (test(text(g, r, col))) return r;
  return null;
}

/**
 * A section label (○具体的取組及び工程, 【主な目標指標】 …) in the sheet's leftmost column — where the layouts
 * put them, wherever columns were inserted — as {row, col}, or null. A name equal to a label is a name.
 */
export function findSection(g: Grid, label: string, fromRow = 1): { row: number; col: number } | null {
  let left = g.columnCount + 1;
  for (let r = 1; r <= g.rowCount; r++) left = Math.min(left, rowTexts(g, r)[0]?.[0] ?? left);
  const row = left > g.columnCount ? null : findInColumn(g, left, (t) => t === label, fromRow);
  return row === null ? null : { row, col: left };
}

/** True for a number format that shows a value ×100 with a percent sign (quoted or escaped '%' excluded). */
export function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  return fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
}

/** A grid over 2-D arrays (row-major, 0-based), as Office.js's range.values / range.formulas give them. */
export function arrayGrid(name: string, values: unknown[][], formulas?: unknown[][], formats?: unknown[][]): Grid {
  const rowCount = values.length;
  const columnCount = values.reduce((n, r) => Math.max(n, r.length), 0);
  return {
    name,
    rowCount,
    columnCount,
    value(row, col) {
      const v = values[row - 1]?.[col - 1];
      return v === undefined || v === null || v === '' ? null : (v as Plain);
    },
    formula(row, col) {
      const f = formulas?.[row - 1]?.[col - 1];
      return typeof f === 'string' && f.startsWith('=') ? f.slice(1) : null;
    },
    numFmt(row, col) {
      const f = formats?.[row - 1]?.[col - 1];
      return typeof f === 'string' && f !== '' && f !== 'General' ? f : null;
    },
  };
}
