// What every audited layout shares: a finding, how values are shown and compared in messages, and the
// check of one computed cell (formula present, the one hyoka would write moved to where the labels are
// now, and its shown value equal to the recalculation). Host-independent.
import { a1 } from '../layout/a1';
import { circled } from '../layout/grid';
import type { Kpi, PlanHeader, TargetValue } from '../model/plan';
import { interpretActual } from '../rules/evaluate';
import { parseTarget } from '../rules/parse-target';
import type { CellSpec } from '../layout/types';
import type { Grid } from '../read/grid';
import type { ReadIssue } from '../read/issues';
import { normalizeFormula, translateFormula, type CellMap } from './locate';
import type { FileAudit, Finding, FindingKind, Plain } from './types';

/** Shown text for messages: strings quoted as they are, numbers plainly, blank as 空欄 / blank. */
export function shown(v: Plain, lang: 'ja' | 'en'): string {
  if (v === null || v === '') return lang === 'ja' ? '（空欄）' : '(blank)';
  if (typeof v !== 'string') return String(v);
  return lang === 'ja' ? `「${v}」` : `"${v}"`;
}

export function sameValue(expected: Plain, found: Plain): boolean {
  const e = expected ?? '';
  const f = found ?? '';
  if (typeof e === 'number' && typeof f === 'number') return Math.abs(e - f) <= 1e-9 * Math.max(1, Math.abs(e));
  return String(e) === String(f);
}

/** True when a shown value reads 100% (「100%」「100.0%」「100%（A）」, or a typed 100). */
export function readsHundred(v: Plain): boolean {
  if (typeof v === 'number') return v === 100;
  return typeof v === 'string' && /^100(\.0+)?\s*[%％]/.test(v.trim());
}

export interface SheetContext {
  file: string;
  grid: Grid;
  itemId: string;
  findings: Finding[];
  /** What the reader noticed on the workbook (formulas and error values in inputs, missing years …). */
  readIssues?: ReadIssue[];
}

export function finding(ctx: SheetContext, kind: FindingKind, row: number | null, col: number | null, expected: Plain, found: Plain, ja: string, en: string, extra: Partial<Finding> = {}): Finding {
  const f: Finding = { kind, file: ctx.file, sheet: ctx.grid.name, cell: row !== null && col !== null ? a1(row, col) : null, expected, found, ja, en, item: ctx.itemId, ...extra };
  ctx.findings.push(f);
  return f;
}

export interface ComputedCheck {
  /** Generated position (to look up the formula hyoka would write). */
  expRow: number;
  expCol: number;
  /** Position on this sheet. */
  row: number;
  col: number;
  /** What the cell should show. */
  value: Plain;
  what: { ja: string; en: string };
  /** For rates: the recomputed achievement, to tell a miss shown as 100%. */
  achieved?: boolean | null;
  extra: Partial<Finding>;
  /**
   * Check the formula only: the cell's value follows from an input or a computed cell that already has a
   * finding (a target typed as text, a helper typed over), so a disagreement here says nothing new.
   */
  formulaOnly?: boolean;
}

/**
 * One computed cell: formula present and the one hyoka would write (moved to this sheet's rows and
 * columns), and its shown value equal to the recalculation. At most one finding per cell, the most
 * telling: overwritten > changed > miss shown as 100% > value mismatch.
 */
export function checkComputed(ctx: SheetContext, expected: Map<string, CellSpec>, map: CellMap, check: ComputedCheck, unplaced: Set<string>): Finding | null {
  const spec = expected.get(`${check.expRow}:${check.expCol}`);
  if (!spec?.formula) return null;
  const moved = translateFormula(spec.formula, map);
  if (moved.unplaced.length) {
    moved.unplaced.forEach((u) => unplaced.add(u));
    return null;
  }
  const g = ctx.grid;
  const foundFormula = g.formula(check.row, check.col);
  const foundValue = g.value(check.row, check.col);
  const want = `=${moved.formula}`;
  const missShown = check.achieved === false && readsHundred(foundValue);
  const alsoMiss = missShown ? { ja: '。しかも未達成なのに 100% と読めます', en: '; it also reads 100% although the target was missed' } : { ja: '', en: '' };
  if (!foundFormula) {
    return finding(
      ctx,
      'formula-overwritten',
      check.row,
      check.col,
      check.value,
      foundValue,
      `${check.what.ja}の計算式が入力値 ${shown(foundValue, 'ja')} で上書きされています（計算すると ${shown(check.value, 'ja')}）${alsoMiss.ja}`,
      `${check.what.en}: the formula was replaced by the typed value ${shown(foundValue, 'en')} (it computes ${shown(check.value, 'en')})${alsoMiss.en}`,
      { ...check.extra, formula: want },
    );
  }
  if (normalizeFormula(foundFormula) !== normalizeFormula(moved.formula)) {
    return finding(
      ctx,
      'formula-changed',
      check.row,
      check.col,
      want,
      `=${foundFormula.replace(/^=/, '')}`,
      `${check.what.ja}の計算式が書き換えられています（正しい式は ${want}、表示は ${shown(foundValue, 'ja')}、計算すると ${shown(check.value, 'ja')}）${alsoMiss.ja}`,
      `${check.what.en}: the formula was edited (it should be ${want}; it shows ${shown(foundValue, 'en')}, the recalculation gives ${shown(check.value, 'en')})${alsoMiss.en}`,
      { ...check.extra, formula: want },
    );
  }
  if (check.formulaOnly) return null;
  if (missShown && !sameValue(check.value, foundValue)) {
    return finding(
      ctx,
      'miss-shown-as-100',
      check.row,
      check.col,
      check.value,
      foundValue,
      `${check.what.ja}が ${shown(foundValue, 'ja')} と表示されていますが未達成です（再計算すると ${shown(check.value, 'ja')}）`,
      `${check.what.en} reads ${shown(foundValue, 'en')} but the target was missed (the recalculation gives ${shown(check.value, 'en')})`,
      check.extra,
    );
  }
  if (!sameValue(check.value, foundValue)) {
    return finding(
      ctx,
      'value-mismatch',
      check.row,
      check.col,
      check.value,
      foundValue,
      `${check.what.ja}の表示 ${shown(foundValue, 'ja')} が再計算の結果 ${shown(check.value, 'ja')} と一致しません（保存されている計算結果が古いか、計算が間違っています）`,
      `${check.what.en} shows ${shown(foundValue, 'en')} but the recalculation gives ${shown(check.value, 'en')} (a stale cached result, or a wrong computation)`,
      check.extra,
    );
  }
  return null;
}

/**
 * The value a live relative target shows: the previous year's actual (the baseline in the first year)
 * when it is a number, else its words.
 */
export function relativeTargetValue(kpi: Kpi, year: string, header: PlanYears, label: string): Plain {
  const years = header.years;
  const i = years.indexOf(year);
  const raw = i > 0 ? kpi.actuals[years[i - 1]] : kpi.actuals[header.baseYear] ?? kpi.baseline;
  const got = interpretActual(kpi, raw ?? null);
  return got.kind === 'number' ? got.value : label;
}

/**
 * Whether the target in the workbook is the plan's (the metadata's): the same number, the same words,
 * or — for a planned 前年度以上 — the number it resolves to.
 */
export function sameAsPlanned(
  typed: TargetValue | undefined,
  planned: TargetValue | undefined,
  kpi: Kpi,
  year: string,
  header: PlanYears,
): boolean {
  if (typed === undefined || planned === undefined) return typed === planned;
  if (typeof planned === 'object') {
    return typeof typed === 'object' || typed === relativeTargetValue(kpi, year, header, '');
  }
  if (typeof typed === 'object') return false;
  if (typed === planned) return true;
  const a = parseTarget(typed, kpi.direction, kpi.strict);
  const b = parseTarget(planned, kpi.direction, kpi.strict);
  return a.kind === 'number' && b.kind === 'number' && a.value === b.value;
}

/** What the target checks need of the plan's header. */
export type PlanYears = Pick<PlanHeader, 'years' | 'baseYear'>;

export interface TargetChange {
  header: PlanYears;
  kpi: Kpi;
  year: string;
  /** The target the metadata holds (the plan's, as the workbook was made). */
  planned: TargetValue | undefined;
  row: number;
  col: number;
  extra: Partial<Finding>;
}

/**
 * A target changed in the workbook since it was made: a lowered target turns a miss into 達成, so it is
 * never clean. Said once per cell (an error value, a cleared target or one below the baseline is already
 * a finding there); a live 前年度以上 typed over is a formula finding instead.
 */
export function checkTargetChanged(ctx: SheetContext, change: TargetChange): void {
  const { header, kpi, year, planned, row, col, extra } = change;
  const cell = a1(row, col);
  if (ctx.findings.some((f) => f.cell === cell)) return;
  if (planned !== undefined && typeof planned === 'object') return;
  if (sameAsPlanned(kpi.targets[year], planned, kpi, year, header)) return;
  const typed = typeof kpi.targets[year] === 'object' ? null : ((kpi.targets[year] as Plain | undefined) ?? null);
  const where = { ja: `${circled(kpi.no)} ${year} の`, en: `KPI ${circled(kpi.no)} ${year} ` };
  finding(
    ctx,
    'target-changed',
    row,
    col,
    planned ?? null,
    ctx.grid.value(row, col),
    `${where.ja}目標 ${shown(typed, 'ja')} が計画の目標 ${shown(planned ?? null, 'ja')}（ワークブック作成時のメタデータ）と違います。` +
      '目標を変えるときは計画ファイルを改訂してワークブックを作り直してください',
    `${where.en}target ${shown(typed, 'en')} differs from the plan's ${shown(planned ?? null, 'en')} ` +
      "(the workbook's metadata); to change a target, revise the plan file and generate the workbook again",
    extra,
  );
}

export function unreadableFile(file: string, ja: string, en: string, reason: Finding['reason'], sheet: string | null = null, cell: string | null = null): FileAudit {
  const f: Finding = { kind: 'unreadable', file, sheet, cell, expected: null, found: null, ja, en, reason };
  return { file, status: 'unreadable', items: [], problems: [f] };
}

