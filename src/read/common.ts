// Pieces every layout's reader shares: year columns found by their labels (a year missing or met twice
// reported), input cells read as the clerk sees them (read/issues.ts), targets that keep their original
// words, KPI blocks checked against the metadata, and the per-year evaluation texts.
import type { ActualValue, Item, Kpi, TargetValue } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { parseTarget } from '../rules/parse-target';
import { rawText, rowTexts, text, type Grid, type Plain } from './grid';
import { inputCellIssue, kpiMissingIssue, percentIssue, percentShown, yearIssue } from './issues';
import type { InputCell, InputRole, IssueSink } from './issues';

/** What a reader is told besides its sheet: the plan's years, and where its issues go. */
export interface ReadContext {
  years: readonly string[];
  report: IssueSink;
}

/** No years to check against, issues dropped: a reader called on its own (the audit's reference sheets). */
export const QUIET: ReadContext = { years: [], report: () => {} };

/**
 * Year label → column in one header row (R元 → R1, Ｒ２年度 → R2); the 【基準年】 label is not a year column.
 * A label met twice keeps its first column. With `check`, every plan year without a column and every
 * label met twice is reported on the header row (a missing year where it was: at the next year's
 * heading, or the last one's): a year is never dropped in silence.
 */
export function yearColumns(ws: Grid, row: number, check?: { ctx: ReadContext; itemId: string }): Map<string, number> {
  const out = new Map<string, number>();
  const cells = rowTexts(ws, row);
  for (const [col, t] of cells) {
    const fy = parseFiscalYear(t);
    if (!fy || t.includes('【基準年】')) continue;
    if (!out.has(fy)) out.set(fy, col);
    else if (check) check.ctx.report(yearIssue({ g: ws, row, col, itemId: check.itemId }, fy, true));
  }
  if (check) {
    const { years } = check.ctx;
    years.forEach((fy, i) => {
      if (out.has(fy)) return;
      const after = years.slice(i + 1).find((y) => out.has(y));
      const before = [...years.slice(0, i)].reverse().find((y) => out.has(y));
      const col = out.get(after ?? before ?? '') ?? cells[0]?.[0] ?? 1;
      check.ctx.report(yearIssue({ g: ws, row, col, itemId: check.itemId }, fy, false));
    });
  }
  return out;
}

/**
 * An input cell (target, actual, baseline) as a person reads it: an error value is blank, a number
 * under a percent format in a ％ KPI is the percent it shows, a formula is reported (its value kept).
 */
export function readInput(cell: InputCell, ctx: ReadContext, unit: string, allowFormula = false): Plain {
  const issue = inputCellIssue(cell, allowFormula);
  if (issue) ctx.report(issue);
  if (issue?.kind === 'error-value') return null;
  const v = cell.g.value(cell.row, cell.col);
  const percent = percentShown(cell.g, cell.row, cell.col, unit);
  if (percent === null || typeof v !== 'number') return v;
  ctx.report(percentIssue(cell, v, percent));
  return percent;
}

/** A target read back as a number keeps its original words when they still mean that number. */
export function sameTarget(metaTarget: TargetValue | undefined, cellValue: Plain, direction: Kpi['direction']): boolean {
  if (metaTarget === undefined || typeof metaTarget === 'object') return false;
  if (metaTarget === cellValue) return true;
  const a = parseTarget(metaTarget, direction);
  return a.kind === 'number' && typeof cellValue === 'number' && a.value === cellValue;
}

/** 要因分析 / 次年度への課題 / 課題を踏まえての対応 per year, from the rows where each label was found. */
export function evaluationTexts(ws: Grid, years: Map<string, number>, rows: Record<'factors' | 'nextYearIssues' | 'response', number | undefined>): Item['evaluations'] {
  const out: Item['evaluations'] = {};
  for (const [fy, col] of years) {
    for (const field of ['factors', 'nextYearIssues', 'response'] as const) {
      const row = rows[field];
      if (!row) continue;
      const t = rawText(ws, row, col);
      if (t) (out[fy] ??= {})[field] = t;
    }
  }
  return out;
}

/** The input cells of one KPI block: (row, col, role, year) → the cell, for readInput and the issues. */
export function kpiInputs(g: Grid, itemId: string, kpi: number) {
  return (row: number, col: number, role: InputRole, year?: string): InputCell => ({
    g,
    row,
    col,
    role,
    itemId,
    kpi,
    ...(year ? { year } : {}),
  });
}

/** A cell read as an actual: blank is nothing; a boolean becomes its text. */
export const asActual = (v: Plain): ActualValue | undefined => (v === null || v === '' ? undefined : typeof v === 'boolean' ? String(v) : v);

/** The 実績 row of a KPI block: the first row below the 目標 row labelled actual, before the next 目標 (clerks may insert rows inside a block). */
export function actualRowBelow(ws: Grid, targetRow: number, end: number, kindCol: number, labels: { target: string; actual: string }): number | null {
  let row = targetRow + 1;
  while (row < end && text(ws, row, kindCol) !== labels.actual && text(ws, row, kindCol) !== labels.target) row++;
  return text(ws, row, kindCol) === labels.actual ? row : null;
}

export interface TargetCell {
  cell: InputCell;
  ctx: ReadContext;
  unit: string;
  metaTarget: TargetValue | undefined;
  direction: Kpi['direction'];
  deletedLabel: string;
}

/**
 * One target cell read back: a live 前年度以上 formula keeps its relative target from the metadata,
 * a number that the original words still mean keeps those words, and the 削除 marker of a deleted
 * year (with no target in the metadata) is no target. Formulas and error values are reported.
 */
export function readTargetCell(read: TargetCell): TargetValue | undefined {
  const { cell, ctx, unit, metaTarget, direction, deletedLabel } = read;
  const ws = cell.g;
  const relative = metaTarget !== undefined && typeof metaTarget === 'object';
  const t = readInput(cell, ctx, unit, relative && direction !== 'qualitative');
  if (ws.formula(cell.row, cell.col) && relative) return metaTarget;
  if (t === null || t === '' || (t === deletedLabel && metaTarget === undefined)) return undefined;
  return sameTarget(metaTarget, t, direction) ? metaTarget! : (t as TargetValue);
}

/**
 * Reports every KPI the metadata lists that the table lacks, where its block should be (below the block
 * of the KPI before it, or under the header), and puts the KPIs found in the metadata's order (a block
 * moved up or down the table is the same KPI).
 */
export interface KpiBlocks {
  /** The KPI numbers the metadata lists, in its order. */
  metaNos: number[];
  /** KPI number → its 実績 row, for every block found. */
  blockEnd: Map<number, number>;
  headerRow: number;
  noCol: number;
  itemId: string;
  ctx: ReadContext;
}

export function checkKpiBlocks(ws: Grid, kpis: Kpi[], at: KpiBlocks): Kpi[] {
  for (const no of at.metaNos) {
    if (at.blockEnd.has(no)) continue;
    const before = Math.max(0, ...[...at.blockEnd.keys()].filter((n) => n < no));
    const row = before ? at.blockEnd.get(before)! + 1 : at.headerRow + 1;
    at.ctx.report(kpiMissingIssue({ g: ws, row, col: at.noCol, itemId: at.itemId }, no));
  }
  const order = (no: number) => {
    const i = at.metaNos.indexOf(no);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return kpis.map((k, i) => ({ k, i })).sort((a, b) => order(a.k.no) - order(b.k.no) || a.i - b.i).map(({ k }) => k);
}
