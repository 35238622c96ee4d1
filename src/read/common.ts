// Pieces every layout's reader shares: year columns found by their labels, targets that keep their
// original words, and the per-year evaluation texts.
import type { ActualValue, Item, Kpi, TargetValue } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { parseTarget } from '../rules/parse-target';
import { rawText, rowTexts, text, type Grid, type Plain } from './grid';

/** Year label → column in one header row (R元 → R1, Ｒ２年度 → R2); the 【基準年】 label is not a year column. */
export function yearColumns(ws: Grid, row: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [col, t] of rowTexts(ws, row)) {
    const fy = parseFiscalYear(t);
    if (fy && !t.includes('【基準年】')) out.set(fy, col);
  }
  return out;
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

/** A cell read as an actual: blank is nothing; a boolean becomes its text. */
export const asActual = (v: Plain): ActualValue | undefined => (v === null || v === '' ? undefined : typeof v === 'boolean' ? String(v) : v);

/** The 実績 row of a KPI block: the first row below the 目標 row labelled actual, before the next 目標 (clerks may insert rows inside a block). */
export function actualRowBelow(ws: Grid, targetRow: number, end: number, kindCol: number, labels: { target: string; actual: string }): number | null {
  let row = targetRow + 1;
  while (row < end && text(ws, row, kindCol) !== labels.actual && text(ws, row, kindCol) !== labels.target) row++;
  return text(ws, row, kindCol) === labels.actual ? row : null;
}

/**
 * One target cell read back: a live 前年度以上 formula keeps its relative target from the metadata,
 * a number that the original words still mean keeps those words, and the 削除 marker of a deleted
 * year (with no target in the metadata) is no target.
 */
export function readTargetCell(ws: Grid, row: number, col: number, metaTarget: TargetValue | undefined, direction: Kpi['direction'], deletedLabel: string): TargetValue | undefined {
  const t = ws.value(row, col);
  if (ws.formula(row, col) && metaTarget !== undefined && typeof metaTarget === 'object') return metaTarget;
  if (t === null || t === '' || (t === deletedLabel && metaTarget === undefined)) return undefined;
  return sameTarget(metaTarget, t, direction) ? metaTarget! : (t as TargetValue);
}
