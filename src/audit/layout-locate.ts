// Where things are on the item sheets of the layouts other than the Gunma evaluation sheet — the DX
// 個別取組票, the Saitama 取組項目 and the Yamagata 取組状況 — found by the labels their readers use, and
// the KPI rows by the readers' own locations. Each place gets a key ('kpi:2:progress', 'quarter:R4:3',
// 'count' …). The same locator runs on the sheet hyoka would generate for the plan read back and on the
// sheet as found: a key on both is the same thing, which gives the map from generated rows and columns
// to the ones found (rows or columns a clerk inserted, sheets renamed or reordered). Host-independent.
import type { Kpi, Layout } from '../model/plan';
import { formatFiscalYearLabel, parseFiscalYear } from '../model/fiscal-year';
import { parseA1 } from '../layout/a1';
import { circled } from '../layout/grid';
import { DX_LABELS, fiscalYearHeading } from '../layout/dx-sheet';
import { SLABELS, saitamaYearLabel } from '../layout/saitama-sheet';
import { YAMAGATA_LABELS } from '../layout/yamagata-sheet';
import type { CellSpec, SheetLayout } from '../layout/types';
import { arrayGrid, findCell, rowTexts, text, type Grid, type Plain } from '../read/grid';
import type { CellLocation } from '../read/plan-reader';
import type { CellMap } from './locate';

/** One row or column: where it is, what it is called in messages, and the KPI or year it belongs to. */
export interface Place {
  pos: number;
  label: string;
  kpi?: number;
  year?: string;
  hidden?: boolean;
}

export interface SheetPlaces {
  rows: Map<string, Place>;
  cols: Map<string, Place>;
}

/** The reader's locations of one item: locations[kpiNo][year]. */
export type KpiLocations = Record<number, Record<string, CellLocation>>;

/** Finds the places of one item sheet; `missing` names the heading without which nothing can be placed. */
export type Locator = (g: Grid, locs: KpiLocations) => SheetPlaces | { missing: string };

const squash = (t: string) => t.replace(/\s/g, '');
const rowOf = (address: string) => parseA1(address).row;

function setOnce(m: Map<string, Place>, key: string, place: Place): void {
  if (!m.has(key)) m.set(key, place);
}

/** The first location of a KPI (any year: they share the KPI's rows). */
function anyLocation(years: Record<string, CellLocation>): CellLocation | undefined {
  return Object.values(years)[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Saitama 取組項目: the 【目標】 table (＜現状＞ header), ＜目標＞ / 達成率 / 実績 rows, 達成件数, and the live
// 期待される効果 rows (目標から / 実績から).

const HELPER_RE = /^率・判定\s*(\S+)$/;

export const locateSaitama: Locator = (g, locs) => {
  const L = SLABELS;
  const header = findCell(g, (t) => t === L.baseline);
  if (!header) return { missing: L.baseline };
  const rows = new Map<string, Place>();
  const cols = new Map<string, Place>();
  cols.set('base', { pos: header.col, label: L.baseline });
  let kindCol: number | null = null;
  for (const [col, t] of rowTexts(g, header.row)) {
    if (squash(t) === L.kindHeader) kindCol = col;
    if (squash(t) === L.noHeader) setOnce(cols, 'no', { pos: col, label: L.noHeader });
    const fy = parseFiscalYear(t);
    if (fy) setOnce(cols, `year:${fy}`, { pos: col, label: saitamaYearLabel(fy), year: fy });
    const m = HELPER_RE.exec(t);
    const hy = m ? parseFiscalYear(m[1]) : null;
    if (hy) setOnce(cols, `helper:${hy}`, { pos: col, label: `率・判定 ${hy}`, year: hy, hidden: true });
  }
  for (const [no, years] of Object.entries(locs)) {
    const any = anyLocation(years);
    if (!any) continue;
    const k = Number(no);
    const targetRow = rowOf(any.target);
    const actualRow = rowOf(any.actual);
    // The 達成率 row is the one so labelled between 目標 and 実績 (a clerk may have inserted rows in the block).
    let rateRow = rowOf(any.rate);
    if (kindCol !== null) {
      for (let r = targetRow + 1; r < actualRow; r++) {
        if (text(g, r, kindCol) === L.rate) {
          rateRow = r;
          break;
        }
      }
    }
    rows.set(`kpi:${k}:target`, { pos: targetRow, label: `${circled(k)} ${L.target}`, kpi: k });
    rows.set(`kpi:${k}:rate`, { pos: rateRow, label: `${circled(k)} ${L.rate}`, kpi: k });
    rows.set(`kpi:${k}:actual`, { pos: actualRow, label: `${circled(k)} ${L.actual}`, kpi: k });
  }
  const count = findCell(g, (t) => t === L.count, header.row);
  if (count) rows.set('count', { pos: count.row, label: L.count });
  const effects = findCell(g, (t) => t === L.effects, header.row);
  if (effects && kindCol !== null) {
    const end = findCell(g, (t) => t === L.evaluation, effects.row)?.row ?? g.rowCount + 1;
    let n = 0;
    for (let r = effects.row + 1; r < end; r++) {
      const kind = text(g, r, kindCol);
      if (kind !== L.effectTarget && kind !== L.effectActual) continue;
      if (kind === L.effectTarget) n += 1;
      rows.set(`effect:${n}:${kind}`, { pos: r, label: `${L.effects}（${n}）${kind}` });
    }
  }
  return { rows, cols };
};

// ---------------------------------------------------------------------------------------------------------------
// DX 個別取組票: the 指標項目 list (names are formulas over the progress table), and ○目標の進捗度（実績）:
// 実績 / 進捗率 rows, quarter columns under 令和N年度, 目標値 after each year's 4四半期, the hidden helpers
// (値・率 / 目標・判定 per quarter, 年度実績・率 / 判定 per year) by their header texts, and 達成件数（年度）.

const DX_HELPER_RE = /^(値・率|目標・判定|年度実績・率|判定)\s+(\S+)(?:\s+Q([1-4]))?$/;

export const locateDx: Locator = (g, locs) => {
  const L = DX_LABELS;
  const progressAt = findCell(g, (t) => t === L.progressSection);
  if (!progressAt) return { missing: L.progressSection };
  const h = findCell(g, (t) => squash(t) === L.kind, progressAt.row + 1)?.row;
  if (h === undefined) return { missing: `${L.progressSection} ${L.kind}` };
  const quarterRow = findCell(g, (t) => /^[1-4]四半期$/.test(squash(t)), h + 1)?.row ?? h + 1;
  const rows = new Map<string, Place>();
  const cols = new Map<string, Place>();
  const header = rowTexts(g, h);
  const noCol = header.find(([, t]) => squash(t) === L.indicator)?.[0];
  const baseCol = header.find(([, t]) => squash(t).startsWith('基準年'))?.[0];
  if (noCol !== undefined) cols.set('no', { pos: noCol, label: L.indicator }).set('name', { pos: noCol + 1, label: L.indicator });
  if (baseCol !== undefined) cols.set('base', { pos: baseCol, label: '基準年' });
  const years: [string, number][] = [];
  for (const [col, t] of header) {
    const fy = parseFiscalYear(t);
    if (fy && /年度$/.test(squash(t))) years.push([fy, col]);
    const m = DX_HELPER_RE.exec(t);
    const hy = m ? parseFiscalYear(m[2]) : null;
    if (m && hy) setOnce(cols, `hidden:${m[1]}:${hy}:${m[3] ?? ''}`, { pos: col, label: t, year: hy, hidden: true });
  }
  years.sort((a, b) => a[1] - b[1]);
  const q4 = new Map<string, number>();
  for (const [col, t] of rowTexts(g, quarterRow)) {
    const m = /^([1-4])四半期$/.exec(squash(t));
    const fy = m ? years.filter(([, c]) => c <= col).pop()?.[0] : undefined;
    if (!m || !fy) continue;
    setOnce(cols, `quarter:${fy}:${m[1]}`, { pos: col, label: `${fiscalYearHeading(fy)} ${m[1]}四半期`, year: fy });
    if (m[1] === '4') q4.set(fy, col);
  }
  for (const [fy, c4] of q4) {
    const tc = header.find(([c, t]) => c > c4 && squash(t) === L.target)?.[0];
    if (tc !== undefined) setOnce(cols, `target:${fy}`, { pos: tc, label: `${fiscalYearHeading(fy)} ${L.target}`, year: fy });
  }

  // Indicator rows from the reader's locations: 実績 (the target cell's row) and 進捗率 (the rate cell's row).
  const labelToNo = new Map<string, number>();
  for (const [no, ys] of Object.entries(locs)) {
    const any = anyLocation(ys);
    if (!any) continue;
    const k = Number(no);
    const aRow = rowOf(any.target);
    rows.set(`kpi:${k}:actual`, { pos: aRow, label: `${circled(k)} ${L.actual}`, kpi: k });
    rows.set(`kpi:${k}:progress`, { pos: rowOf(any.rate), label: `${circled(k)} ${L.progress}`, kpi: k });
    if (noCol !== undefined) labelToNo.set(text(g, aRow, noCol), k);
  }
  const count = findCell(g, (t) => t === L.count, quarterRow + 1);
  if (count) rows.set('count', { pos: count.row, label: L.count });

  // The 指標項目 list above the schedule: one row per indicator, keyed by its printed label (①, (②)).
  const listEnd = (findCell(g, (t) => t === L.scheduleSection) ?? progressAt).row;
  const list = findCell(g, (t) => t === L.indicator, 1, listEnd);
  if (list) {
    for (let r = list.row + 1; r < listEnd; r++) {
      const label = text(g, r, list.col);
      if (!/^[(（]?\s*[①-⑳]\s*[)）]?$/.test(label)) break;
      setOnce(rows, `list:${label}`, { pos: r, label: `${L.indicator} ${label}`, kpi: labelToNo.get(label) });
    }
  }
  return { rows, cols };
};

// ---------------------------------------------------------------------------------------------------------------
// Yamagata 取組状況: the 【主な目標指標】 table, one row per indicator; 基準値, 目標値, 実績 per year (the row
// under 実績), 時点, 進捗率, 基準からの進捗, 経過, ペース比, and the hidden helpers (hyoka:latest …).

export const locateYamagata: Locator = (g, locs) => {
  const L = YAMAGATA_LABELS;
  const rows = new Map<string, Place>();
  const cols = new Map<string, Place>();
  const section = findCell(g, (t) => t === L.kpiSection);
  if (!section) return Object.keys(locs).length ? { missing: L.kpiSection } : { rows, cols };
  const header = findCell(g, (t) => t === L.name, section.row);
  if (!header) return { missing: `${L.kpiSection} ${L.name}` };
  const named: Record<string, string> = { [L.baseline]: 'base', [L.target]: 'target', [L.latest]: 'latest', [L.progress]: 'progress', [L.fromBase]: 'fromBase', [L.elapsed]: 'elapsed', [L.pace]: 'pace' };
  for (const [col, t] of rowTexts(g, header.row)) {
    if (t === 'No.') setOnce(cols, 'no', { pos: col, label: t });
    else if (named[t]) setOnce(cols, named[t], { pos: col, label: t });
    else if (t.startsWith('hyoka:')) setOnce(cols, `hidden:${t}`, { pos: col, label: t, hidden: true });
  }
  for (const [col, t] of rowTexts(g, header.row + 1)) {
    const fy = parseFiscalYear(t);
    if (fy) setOnce(cols, `year:${fy}`, { pos: col, label: `${L.actuals} ${formatFiscalYearLabel(fy)}`, year: fy });
  }
  for (const [no, ys] of Object.entries(locs)) {
    const any = anyLocation(ys);
    if (!any) continue;
    const k = Number(no);
    rows.set(`kpi:${k}`, { pos: rowOf(any.actual), label: `${circled(k)}`, kpi: k });
  }
  return { rows, cols };
};

/** The layouts audited by places (the Gunma evaluation sheet and the outline's items have audit/locate.ts). */
export const LAYOUT_LOCATORS: Partial<Record<Layout, Locator>> = {
  'gunma-dx': locateDx,
  'saitama-action': locateSaitama,
  'yamagata-summary': locateYamagata,
};

/** The cells a clerk types a KPI-year's actual into: the year's cell, or a DX indicator's four quarters (its judgement for a text phase). */
export function actualCells(layout: Layout, kpi: Kpi, year: string, loc: CellLocation, found: SheetPlaces): { row: number; col: number }[] {
  if (layout !== 'gunma-dx') return [parseA1(loc.actual)];
  if (kpi.direction === 'qualitative') return [parseA1(loc.rate)];
  const row = rowOf(loc.target);
  const out: { row: number; col: number }[] = [];
  for (const q of [1, 2, 3, 4]) {
    const c = found.cols.get(`quarter:${year}:${q}`);
    if (c) out.push({ row, col: c.pos });
  }
  return out;
}

/** Generated row/column → found row/column, from the places both sheets share. */
export interface PlaceMap extends CellMap {
  rowInfo: Map<number, Place>;
  colInfo: Map<number, Place>;
  /** Found row/column → generated. */
  rowsBack: Map<number, number>;
  colsBack: Map<number, number>;
}

/**
 * Pairs the places of the generated sheet with those found. Rows of the KPIs in `lost` (listed by the
 * metadata, gone from the sheet: their block cleared) are estimated from the nearest row above that was
 * found, so formulas that still point at them compare equal.
 */
export function mapPlaces(expected: SheetPlaces, found: SheetPlaces, lost: ReadonlySet<number> = new Set()): PlaceMap {
  const out: PlaceMap = { rows: new Map(), cols: new Map(), rowLabel: new Map(), colLabel: new Map(), missing: new Map(), identity: true, rowInfo: new Map(), colInfo: new Map(), rowsBack: new Map(), colsBack: new Map() };
  if (lost.size) {
    const rows = new Map(found.rows);
    let shift = 0;
    for (const [key, p] of [...expected.rows].sort((a, b) => a[1].pos - b[1].pos)) {
      const f = rows.get(key);
      if (f) shift = f.pos - p.pos;
      else if (p.kpi !== undefined && lost.has(p.kpi)) rows.set(key, { ...p, pos: p.pos + shift });
    }
    found = { ...found, rows };
  }
  const pair = (exp: Map<string, Place>, got: Map<string, Place>, to: Map<number, number>, back: Map<number, number>, labels: Map<number, string>, info: Map<number, Place>) => {
    for (const [key, p] of exp) {
      if (!labels.has(p.pos)) labels.set(p.pos, p.label);
      if (!info.has(p.pos)) info.set(p.pos, p);
      const f = got.get(key);
      if (!f) {
        out.identity = false;
        continue;
      }
      if (!to.has(p.pos)) to.set(p.pos, f.pos);
      if (!back.has(f.pos)) back.set(f.pos, p.pos);
      if (f.pos !== p.pos) out.identity = false;
    }
  };
  pair(expected.rows, found.rows, out.rows, out.rowsBack, out.rowLabel, out.rowInfo);
  pair(expected.cols, found.cols, out.cols, out.colsBack, out.colLabel, out.colInfo);
  return out;
}

/** The sheet hyoka would write, as a grid (a formula's value is its cached result), for the same reader and locator. */
export function layoutGrid(sheet: SheetLayout): Grid {
  const values: Plain[][] = [];
  const formulas: (string | undefined)[][] = [];
  for (const c of sheet.cells) {
    const v: Plain | undefined = c.formula !== undefined ? (c.result ?? null) : c.value;
    if (v !== undefined) (values[c.row - 1] ??= [])[c.col - 1] = v;
    if (c.formula !== undefined) (formulas[c.row - 1] ??= [])[c.col - 1] = `=${c.formula}`;
  }
  for (let r = 0; r < values.length; r++) values[r] ??= [];
  return arrayGrid(sheet.name, values, formulas);
}

/** The cells of a sheet by position. */
export function cellsByPosition(sheet: SheetLayout): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const c of sheet.cells) {
    const key = `${c.row}:${c.col}`;
    const had = out.get(key);
    if (!had || (had.value === undefined && had.formula === undefined)) out.set(key, c);
  }
  return out;
}
