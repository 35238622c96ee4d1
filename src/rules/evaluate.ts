// The rules engine: every KPI-year's rate, display and achievement, and 達成件数 x / y per item
// and year, from a plan (spec §4). Knows nothing of Excel; the layout's formulas mirror it.
import type { ActualValue, Item, Kpi, Plan, PlanHeader } from '../model/plan';
import { compareFiscalYears, previousFiscalYear } from '../model/fiscal-year';
import { parseClerkValue, type Comparator, type Message } from './parse-number';
import { parseTarget } from './parse-target';
import { displayRate, gradeOf, isAchieved, ratePercent, rateMethodOf } from './rate';

export type KpiYearStatus =
  | 'evaluated' // target and actual both known: rate and achieved are set
  | 'noActual' // a target, no actual yet
  | 'noTarget' // no target this year (「－」 or blank)
  | 'pendingTarget' // relative target whose previous actual is not known yet
  | 'excluded' // deleted indicator, or the actual is 「－」
  | 'invalid'; // the actual cannot be read as a number

export interface KpiYearResult {
  /** Resolved target: a number, or the text the sheet shows (qualitative, unresolved relative). */
  target: number | string | null;
  actual: number | string | null;
  /** Unrounded percent (15 significant digits, as Excel sees it), null where none. */
  rate: number | null;
  /** Text the sheet shows: "67%", "99.8%", "－", "達成"; null when blank. */
  display: string | null;
  achieved: boolean | null;
  status: KpiYearStatus;
  comparator?: Comparator;
  grade?: string;
  problems?: Message[];
}

export interface KpiResult {
  no: number;
  name: string;
  direction: Kpi['direction'];
  kgi: number | null;
  years: Record<string, KpiYearResult>;
}

export type CountStatus = 'notEvaluated' | 'partial' | 'complete';

export interface CountResult {
  achieved: number;
  evaluated: number;
  /** KPIs with a target this year but no actual yet. */
  missing: number;
  status: CountStatus;
  /** "x / y", or null when nothing is evaluated (never 「0 / 0」). */
  display: string | null;
}

export interface ItemResult {
  id: string;
  title: string;
  kpis: KpiResult[];
  counts: Record<string, CountResult>;
}

/**
 * Reads an actual the way the sheet's formulas do: only a real number is a number. Text that merely
 * looks like one (「1,266件」) is a problem to report — Excel's ISNUMBER sees text there — and validate
 * refuses it in a plan file with these same words (model/check-values).
 */
export function interpretActual(
  kpi: Pick<Kpi, 'direction'>,
  raw: ActualValue | null | undefined,
): { kind: 'number'; value: number } | { kind: 'word'; achieved: boolean } | { kind: 'none' } | { kind: 'blank' } | { kind: 'error'; message: Message } {
  if (typeof raw === 'number') {
    if (kpi.direction === 'qualitative') {
      return { kind: 'error', message: { ja: `定性指標の実績は「達成」か「未達成」です（「${raw}」）`, en: `a qualitative KPI's actual is 達成 or 未達成, not "${raw}"` } };
    }
    return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'error', message: { ja: '数値ではありません', en: 'not a finite number' } };
  }
  const word = typeof raw === 'string' ? raw.trim() : '';
  if (word === '達成' || word === '未達成') {
    return kpi.direction === 'qualitative'
      ? { kind: 'word', achieved: word === '達成' }
      : { kind: 'error', message: { ja: `「${word}」は数値指標の実績として使えません`, en: `"${word}" is not a number for a numeric KPI` } };
  }
  const parsed = parseClerkValue(raw);
  switch (parsed.kind) {
    case 'blank':
      return { kind: 'blank' };
    case 'none':
      return { kind: 'none' };
    case 'error':
      return { kind: 'error', message: parsed.message };
    case 'number':
      return {
        kind: 'error',
        message:
          kpi.direction === 'qualitative'
            ? { ja: `定性指標の実績は「達成」か「未達成」です（「${word}」）`, en: `a qualitative KPI's actual is 達成 or 未達成, not "${word}"` }
            : { ja: `「${word}」は文字列です。数値（${parsed.value}）として入力してください`, en: `"${word}" is text; enter it as the number ${parsed.value}` },
      };
  }
}

/** True when the KPI was deleted from this year on. */
export function isDeletedIn(kpi: Pick<Kpi, 'deleted'>, year: string): boolean {
  return !!kpi.deleted && compareFiscalYears(year, kpi.deleted.from) >= 0;
}

/**
 * The number a relative target resolves to: the actual of the previous fiscal year — by the calendar, not the
 * previous entry of plan.years — or the baseline for the first (earliest) plan year.
 */
function previousActualNumber(kpi: Kpi, year: string, header: PlanHeader): number | null {
  const isFirst = header.years.every((y) => compareFiscalYears(year, y) <= 0);
  const previousYear = isFirst ? header.baseYear : previousFiscalYear(year);
  const raw = previousYear === header.baseYear && kpi.actuals[previousYear] === undefined ? kpi.baseline : kpi.actuals[previousYear];
  const parsed = interpretActual(kpi, raw ?? null);
  return parsed.kind === 'number' ? parsed.value : null;
}

export function evaluateKpiYear(kpi: Kpi, year: string, header: PlanHeader): KpiYearResult {
  const actual = kpi.actuals[year] ?? null;
  const base = { actual, rate: null, display: null, achieved: null } as const;
  if (isDeletedIn(kpi, year)) return { ...base, target: null, status: 'excluded' };

  const spec = parseTarget(kpi.targets[year] ?? null, kpi.direction, kpi.strict);
  const got = interpretActual(kpi, actual);
  if (got.kind === 'error') {
    // The target stands whatever the actual: a 前年度以上 still resolves, as the sheet's formula does.
    const relative = spec.kind === 'relative' ? (previousActualNumber(kpi, year, header) ?? spec.label) : null;
    const target = spec.kind === 'number' ? spec.value : relative;
    return { ...base, target, status: 'invalid', problems: [got.message] };
  }

  if (kpi.direction === 'qualitative') {
    const targetText = spec.kind === 'text' ? spec.text : spec.kind === 'number' ? spec.raw : null;
    if (targetText === null) return { ...base, target: null, status: spec.kind === 'none' && got.kind !== 'blank' ? 'excluded' : 'noTarget' };
    if (got.kind === 'none') return { ...base, target: targetText, status: 'excluded' };
    if (got.kind !== 'word') return { ...base, target: targetText, status: 'noActual' };
    const rate = got.achieved ? 100 : 0;
    const display = kpi.qualitativeDisplay === 'word' ? (got.achieved ? '達成' : '未達成') : `${rate}%`;
    return withGrade({ target: targetText, actual, rate, display, achieved: got.achieved, status: 'evaluated' }, header);
  }

  let target: number;
  let comparator: Comparator;
  if (spec.kind === 'relative') {
    const resolved = previousActualNumber(kpi, year, header);
    if (resolved === null) return { ...base, target: spec.label, status: 'pendingTarget', comparator: spec.comparator };
    target = resolved;
    comparator = spec.comparator;
  } else if (spec.kind === 'number') {
    target = spec.value;
    comparator = spec.comparator;
  } else {
    const target = spec.kind === 'text' ? spec.text : null;
    return { ...base, target, status: got.kind === 'none' ? 'excluded' : 'noTarget' };
  }

  if (got.kind === 'none') return { ...base, target, status: 'excluded', comparator };
  if (got.kind !== 'number') return { ...base, target, status: 'noActual', comparator };

  const rate = ratePercent(rateMethodOf(kpi) as 'ratio' | 'inverse' | 'margin', target, got.value);
  const achieved = isAchieved(comparator, target, got.value);
  const display = rate === null ? '－' : displayRate(rate, kpi.decimals ?? 0, !achieved).text;
  return withGrade({ target, actual, rate, display, achieved, status: 'evaluated', comparator }, header);
}

/** A declared grading scale shows its band beside the rate, as the sheet does: 「88%（B）」. */
function withGrade(result: KpiYearResult, header: PlanHeader): KpiYearResult {
  const grade = gradeOf(result.rate, header.grading);
  return grade === null ? result : { ...result, grade, display: `${result.display}（${grade}）` };
}

export function evaluateKpi(kpi: Kpi, header: PlanHeader): KpiResult {
  const years: Record<string, KpiYearResult> = {};
  for (const year of header.years) years[year] = evaluateKpiYear(kpi, year, header);
  return { no: kpi.no, name: kpi.name, direction: kpi.direction, kgi: kpi.kgi ?? null, years };
}

/** 達成件数 x / y from the KPI results of one year. */
export function countYear(results: KpiYearResult[]): CountResult {
  const evaluated = results.filter((r) => r.achieved !== null);
  const achieved = evaluated.filter((r) => r.achieved).length;
  const missing = results.filter((r) => r.status === 'noActual' || r.status === 'invalid').length;
  const status: CountStatus = evaluated.length === 0 ? 'notEvaluated' : missing > 0 ? 'partial' : 'complete';
  return {
    achieved,
    evaluated: evaluated.length,
    missing,
    status,
    display: evaluated.length === 0 ? null : `${achieved} / ${evaluated.length}`,
  };
}

export function evaluateItem(item: Item, header: PlanHeader): ItemResult {
  const kpis = item.kpis.map((kpi) => evaluateKpi(kpi, header));
  const counts: Record<string, CountResult> = {};
  for (const year of header.years) counts[year] = countYear(kpis.map((k) => k.years[year]));
  return { id: item.id, title: item.title, kpis, counts };
}

export interface PlanResult {
  items: ItemResult[];
}

export function evaluatePlan(plan: Plan): PlanResult {
  return { items: plan.items.map((item) => evaluateItem(item, plan.plan)) };
}
