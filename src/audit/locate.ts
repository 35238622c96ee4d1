// Where things are on an item sheet as it is now (after clerks inserted rows or columns, renamed or
// reordered sheets), found by labels like the reader does, and the map from the cells of the sheet
// hyoka would generate to the cells of this one. Host-independent (works on read/grid.ts grids).
import { a1, parseA1 } from '../layout/a1';
import { circled } from '../layout/grid';
import { LABELS } from '../layout/gunma-sheet';
import type { ItemAnchors } from '../layout/types';
import { formatFiscalYearLabel, parseFiscalYear } from '../model/fiscal-year';
import { findCell, rowTexts, text, type Grid } from '../read/grid';
import type { CellLocation } from '../read/plan-reader';

export interface KpiRows {
  targetRow: number;
  rateRow: number;
  actualRow: number;
}

export interface LocatedSheet {
  headerRow: number;
  baseCol: number;
  noCol: number | null;
  kindCol: number | null;
  yearCols: Map<string, number>;
  helperCols: Map<string, number>;
  kpis: Map<number, KpiRows>;
  countRow: number | null;
  countCols: Map<string, number>;
}

const HELPER_RE = /^率・判定\s*(\S+)$/;

/** Year label → column, from the cells of one header row (【基準年】 excluded). */
function yearColumns(g: Grid, row: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [col, t] of rowTexts(g, row)) {
    const fy = parseFiscalYear(t);
    if (fy && !t.includes(LABELS.baseYear) && !out.has(fy)) out.set(fy, col);
  }
  return out;
}

/** The marker 'hyoka:item:ID' in row 1, as the reader finds it. */
export function itemIdOfGrid(g: Grid): string | null {
  for (const [, t] of rowTexts(g, 1)) if (t.startsWith('hyoka:item:')) return t.slice('hyoka:item:'.length);
  return null;
}

/**
 * Finds the KPI table, the hidden helper columns, the KPI rows and the 達成件数 row. KPI rows come
 * from the reader's locations (so audit and reader agree on which row is which KPI); the 達成率 row is
 * the one labelled so between 目標 and 実績 (a clerk may have inserted rows inside the block).
 */
export function locateSheet(g: Grid, locations: Record<number, Record<string, CellLocation>> | undefined): LocatedSheet | null {
  const header = findCell(g, (t) => t.startsWith(LABELS.baseYear));
  if (!header) return null;
  const texts = rowTexts(g, header.row);
  const colOf = (label: string) => texts.find(([, t]) => t.replace(/\s/g, '') === label)?.[0] ?? null;
  const kindCol = colOf('目標実績');
  const noCol = colOf('取組目標');
  const yearCols = yearColumns(g, header.row);
  const helperCols = new Map<string, number>();
  for (const [col, t] of texts) {
    const m = HELPER_RE.exec(t);
    const fy = m ? parseFiscalYear(m[1]) : null;
    if (fy && !helperCols.has(fy)) helperCols.set(fy, col);
  }
  const kpis = new Map<number, KpiRows>();
  for (const [no, years] of Object.entries(locations ?? {})) {
    const any = Object.values(years)[0];
    if (!any) continue;
    const targetRow = parseA1(any.target).row;
    const actualRow = parseA1(any.actual).row;
    let rateRow = targetRow + 1;
    if (kindCol) {
      for (let r = targetRow + 1; r < actualRow; r++) {
        if (text(g, r, kindCol) === LABELS.rate) {
          rateRow = r;
          break;
        }
      }
    }
    kpis.set(Number(no), { targetRow, rateRow, actualRow });
  }
  const evaluation = findCell(g, (t) => t === LABELS.evaluationSection, header.row);
  const count = findCell(g, (t) => t === LABELS.count, evaluation?.row ?? header.row);
  const countCols = evaluation ? yearColumns(g, evaluation.row) : new Map<string, number>();
  for (const [fy, col] of yearCols) if (!countCols.has(fy)) countCols.set(fy, col);
  return { headerRow: header.row, baseCol: header.col, noCol, kindCol, yearCols, helperCols, kpis, countRow: count?.row ?? null, countCols };
}

/** Expected (generated) row/column → row/column on the sheet as found, and what each one is, for messages. */
export interface CellMap {
  rows: Map<number, number>;
  cols: Map<number, number>;
  rowLabel: Map<number, string>;
  colLabel: Map<number, string>;
  /** KPIs the generated sheet has and this one lacks: their estimated rows. */
  missing: Map<number, KpiRows>;
  /** Every row and column is where hyoka put it (nothing inserted, nothing missing): formulas need no moving. */
  identity: boolean;
}

export function mapCells(expected: ItemAnchors, found: LocatedSheet): CellMap {
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  const rowLabel = new Map<number, string>();
  const colLabel = new Map<number, string>();
  const missing = new Map<number, KpiRows>();
  // Rows of a missing KPI are estimated from the nearest KPI above that was found (its cells were
  // cleared, so formulas elsewhere still point at them).
  let shift = found.headerRow - expected.headerRow;
  for (const k of expected.kpis) {
    const f = found.kpis.get(k.no);
    const label = (what: string) => `${circled(k.no)} ${what}`;
    rowLabel.set(k.targetRow, label(LABELS.target)).set(k.rateRow, label(LABELS.rate)).set(k.actualRow, label(LABELS.actual));
    if (f) {
      rows.set(k.targetRow, f.targetRow).set(k.rateRow, f.rateRow).set(k.actualRow, f.actualRow);
      shift = f.actualRow - k.actualRow;
    } else {
      const est = { targetRow: k.targetRow + shift, rateRow: k.rateRow + shift, actualRow: k.actualRow + shift };
      missing.set(k.no, est);
      rows.set(k.targetRow, est.targetRow).set(k.rateRow, est.rateRow).set(k.actualRow, est.actualRow);
    }
  }
  if (found.countRow !== null) rows.set(expected.countRow, found.countRow);
  rowLabel.set(expected.countRow, LABELS.count);
  for (const [fy, col] of Object.entries(expected.yearCols)) {
    colLabel.set(col, formatFiscalYearLabel(fy));
    const f = found.yearCols.get(fy);
    if (f !== undefined) cols.set(col, f);
  }
  for (const [fy, col] of Object.entries(expected.helperCols)) {
    colLabel.set(col, `率・判定 ${fy}`);
    const f = found.helperCols.get(fy);
    if (f !== undefined) cols.set(col, f);
  }
  cols.set(expected.baselineCol, found.baseCol);
  colLabel.set(expected.baselineCol, LABELS.baseYear);
  const same = (m: Map<number, number>, keys: Iterable<number>) => [...keys].every((k) => m.get(k) === k);
  const identity = missing.size === 0 && same(rows, rowLabel.keys()) && same(cols, colLabel.keys());
  return { rows, cols, rowLabel, colLabel, missing, identity };
}

const REF_RE = /(?<![A-Za-z0-9_.])\$?([A-Z]{1,3})\$?(\d+)(?![A-Za-z0-9_(])/g;

/**
 * The generated formula in this sheet's cell references: every reference outside string literals
 * is moved by the map. Returns the labels of what could not be placed when a reference has no image.
 */
export function translateFormula(formula: string, map: CellMap): { formula: string; unplaced: string[] } {
  if (map.identity) return { formula, unplaced: [] };
  const unplaced: string[] = [];
  const parts = formula.split(/("(?:[^"]|"")*")/);
  const out = parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF_RE, (ref: string) => {
            const { row, col } = parseA1(ref);
            const r = map.rows.get(row);
            const c = map.cols.get(col);
            if (r === undefined) unplaced.push(map.rowLabel.get(row) ?? `${row} 行 / row ${row}`);
            if (c === undefined) unplaced.push(map.colLabel.get(col) ?? `${a1(1, col).replace(/\d+$/, '')} 列 / column`);
            return r === undefined || c === undefined ? '#?' : a1(r, c);
          }),
    )
    .join('');
  return { formula: out, unplaced };
}

/** Formulas compared as text: no '$', no spaces, upper case, no leading '='. */
export function normalizeFormula(f: string): string {
  const s = f.replace(/^=/, '').replace(/\$/g, '').replace(/\s+/g, '').toUpperCase();
  // LibreOffice rewrites number literals on save (1e-12 → 0.000000000001, 0.30000000000000004 → 0.3):
  // they compare at the 15 significant digits a cell holds. Strings and quoted sheet names stay as they are.
  const literal = /("[^"]*"|'[^']*')|(?<![A-Z0-9_.])(\d+(?:\.\d*)?(?:E[+-]?\d+)?)(?![A-Z0-9_(])/g;
  const canonical = (num: string) => String(Number(Number(num).toPrecision(15)));
  return s.replace(literal, (m, quoted: string | undefined, num: string) => quoted ?? canonical(num));
}
