// Quarterly progress (SOURCE-LAYOUTS.md §4 and §7, the Gunma DX 個別取組票 of seed 004): each quarter's
// figure against the year's target, read the way the indicator's aggregation says its cells are written.
//
//   level                 the quarter's value is the level at that time (a rate, a stock)        → the value
//   cumulativeWithinYear  a running total that restarts each April                              → the value
//   cumulativeSinceStart  a running total over the plan, against cumulative targets (8/16/24件) → the value
//   perQuarter            the count for that quarter only                                        → Q1 + … + Qq
//
// A lower-is-better in-year total (cumulativeWithinYear or perQuarter) has a yearly ceiling, compared pro rata:
// after quarter q the target is target × q / 4 (43万回 after Q3 against 60万回 × 3/4 = 45万回). Text phases
// (qualitative indicators) are judged by a person: no rate. A year an indicator is deleted from is excluded.
// A quarter not reported yet (null) has no progress; a dash (「—」「-」) reports that there is no value.
//
// Pure functions. The sheet's formulas (layout/dx-sheet.ts) mirror them cell for cell and use the same
// rate, rounding and display rules as the yearly evaluation (rules/rate.ts).
import type { ActualValue, Kpi, PlanHeader } from '../model/plan';
import { evaluateKpiYear, isDeletedIn } from './evaluate';
import { parseTarget, type Comparator } from './parse-target';
import { displayRate, isAchieved, ratePercent, rateMethodOf } from './rate';

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

export type QuarterStatus =
  | 'evaluated' // a figure and a numeric target: rate, display and onTrack are set
  | 'notReported' // the quarter's cell is blank (not yet reported)
  | 'noValue' // the quarter reports no figure (a dash), or nothing numeric so far
  | 'noTarget' // the year has no numeric target (「—」, blank, text)
  | 'judged' // a text phase: a person judges it
  | 'excluded'; // the indicator is deleted from this year

export interface QuarterProgress {
  /** The figure compared with the target: the quarter's value, or the sum so far for perQuarter; the phase text for text phases. */
  value: number | string | null;
  /** The year's target, pro-rated (× q / 4) for lower-is-better in-year totals; the text for text phases. */
  target: number | string | null;
  /** Unrounded percent (15 significant digits, as Excel sees it); null where none. */
  rate: number | null;
  /** What the sheet shows: "42%", "99.8%", "－" (zero divisor); null when blank. */
  display: string | null;
  /** The figure meets the (pro-rated) target: compares the numbers, never the rounded percent. */
  onTrack: boolean | null;
  status: QuarterStatus;
}

export type KpiQuarterly = Record<string, [QuarterProgress, QuarterProgress, QuarterProgress, QuarterProgress]>;

/** The characters a clerk types for "no value" (the sheet's formulas use the same list). */
export const DASHES = '－ー-—―‐–─';

export type Aggregation = NonNullable<Kpi['aggregation']>;

/** The aggregation a KPI is read with: declared, else level (a plain quarterly figure). */
export function aggregationOf(kpi: Pick<Kpi, 'aggregation'>): Aggregation {
  return kpi.aggregation ?? 'level';
}

/** Lower-is-better totals within the year are compared with the yearly ceiling pro rata. */
export function isProRata(kpi: Pick<Kpi, 'direction' | 'aggregation'>): boolean {
  const agg = aggregationOf(kpi);
  return kpi.direction === 'lower' && (agg === 'cumulativeWithinYear' || agg === 'perQuarter');
}

/** The four reported cells of a year (null = not reported). */
export function quarterCells(kpi: Pick<Kpi, 'quarterlyActuals'>, year: string): (number | string | null)[] {
  const qs = kpi.quarterlyActuals?.[year];
  return [0, 1, 2, 3].map((i) => (qs ? (qs[i] ?? null) : null));
}

/** The figure of quarter q as the aggregation reads it: null when the quarter is blank or nothing numeric is there. */
export function quarterFigure(kpi: Pick<Kpi, 'quarterlyActuals' | 'aggregation'>, year: string, q: Quarter): number | null {
  const cells = quarterCells(kpi, year);
  const own = cells[q - 1];
  if (own === null) return null;
  if (aggregationOf(kpi) === 'perQuarter') {
    const numbers = cells.slice(0, q).filter((c): c is number => typeof c === 'number');
    return numbers.length === 0 ? null : numbers.reduce((sum, n) => sum + n, 0);
  }
  return typeof own === 'number' ? own : null;
}

/**
 * The year's figure from its quarters, as the yearly evaluation uses it: undefined while Q4 is not reported.
 * perQuarter: the sum of the year's numbers. Otherwise Q4, or — when Q4 reports no number (「—」) — the
 * latest quarter that has one (標的型攻撃メール訓練参加率 R4: 97.6 in Q3). Nothing numeric: undefined.
 */
export function yearFigureFromQuarters(kpi: Pick<Kpi, 'quarterlyActuals' | 'aggregation'>, year: string): number | undefined {
  const cells = quarterCells(kpi, year);
  if (cells[3] === null) return undefined;
  const numbers = cells.filter((c): c is number => typeof c === 'number');
  if (numbers.length === 0) return undefined;
  if (aggregationOf(kpi) === 'perQuarter') return numbers.reduce((sum, n) => sum + n, 0);
  for (let i = 3; i >= 0; i--) if (typeof cells[i] === 'number') return cells[i] as number;
  return undefined;
}

/** True when the year's figure comes from the quarters (a numeric KPI with that year's quarters in the plan). */
export function derivesYearFigure(kpi: Pick<Kpi, 'direction' | 'quarterlyActuals'>, year: string): boolean {
  return kpi.direction !== 'qualitative' && kpi.quarterlyActuals?.[year] !== undefined;
}

/**
 * The actuals the yearly evaluation of a quarterly sheet uses: the year's figure from the quarters where the
 * plan has them (numeric KPIs), the plan's own actual otherwise (qualitative judgements, years without quarters).
 */
export function effectiveActuals(kpi: Kpi, years: readonly string[]): Record<string, ActualValue> {
  const out: Record<string, ActualValue> = {};
  for (const [y, v] of Object.entries(kpi.actuals)) if (!years.includes(y)) out[y] = v;
  for (const y of years) {
    if (isDeletedIn(kpi, y)) {
      if (kpi.actuals[y] !== undefined) out[y] = kpi.actuals[y];
      continue;
    }
    const v = derivesYearFigure(kpi, y) ? yearFigureFromQuarters(kpi, y) : kpi.actuals[y];
    if (v !== undefined) out[y] = v;
  }
  return out;
}

/** The year's numeric target for the quarterly comparison (a relative target resolved as the yearly evaluation does), or null. */
function yearTarget(kpi: Kpi, year: string, header: PlanHeader): { value: number; comparator: Comparator } | null {
  const spec = parseTarget(kpi.targets[year] ?? null, kpi.direction, kpi.strict);
  if (spec.kind === 'number') return { value: spec.value, comparator: spec.comparator };
  if (spec.kind === 'relative') {
    // Resolved from the previous year alone: this year's own actual (text, say) must not unresolve it.
    const { [year]: _own, ...others } = effectiveActuals(kpi, header.years);
    const resolved = evaluateKpiYear({ ...kpi, actuals: others }, year, header).target;
    return typeof resolved === 'number' ? { value: resolved, comparator: spec.comparator } : null;
  }
  return null;
}

/** The target after quarter q: the year's, or target × q / 4 for a lower-is-better in-year total. */
export function quarterTarget(kpi: Pick<Kpi, 'direction' | 'aggregation'>, yearTargetValue: number, q: Quarter): number {
  return isProRata(kpi) ? (yearTargetValue * q) / 4 : yearTargetValue;
}

const NONE: Omit<QuarterProgress, 'status'> = { value: null, target: null, rate: null, display: null, onTrack: null };

/** Progress of one KPI in one quarter of one year. */
export function quarterProgress(kpi: Kpi, year: string, q: Quarter, header: PlanHeader): QuarterProgress {
  if (isDeletedIn(kpi, year)) return { ...NONE, status: 'excluded' };
  const own = quarterCells(kpi, year)[q - 1];

  if (kpi.direction === 'qualitative') {
    const raw = kpi.targets[year];
    const target = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
    if (own === null) return { ...NONE, target, status: 'notReported' };
    const text = String(own).trim();
    const isDash = text !== '' && DASHES.includes(text);
    return { ...NONE, value: isDash ? null : String(own), target, status: isDash ? 'noValue' : 'judged' };
  }

  const t = yearTarget(kpi, year, header);
  const target = t === null ? null : quarterTarget(kpi, t.value, q);
  if (own === null) return { ...NONE, target, status: 'notReported' };
  const value = quarterFigure(kpi, year, q);
  if (value === null) return { ...NONE, target, status: 'noValue' };
  if (t === null || target === null) return { ...NONE, value, status: 'noTarget' };

  const rate = ratePercent(rateMethodOf(kpi) as 'ratio' | 'inverse' | 'margin', target, value);
  const onTrack = isAchieved(t.comparator, target, value);
  const display = rate === null ? '－' : displayRate(rate, kpi.decimals ?? 0, !onTrack).text;
  return { value, target, rate, display, onTrack, status: 'evaluated' };
}

/** Every quarter of every plan year for one KPI. */
export function kpiQuarterlyProgress(kpi: Kpi, header: PlanHeader): KpiQuarterly {
  const out: KpiQuarterly = {};
  for (const y of header.years) out[y] = QUARTERS.map((q) => quarterProgress(kpi, y, q, header)) as KpiQuarterly[string];
  return out;
}

export interface ItemQuarterly {
  id: string;
  kpis: { no: number; name: string; years: KpiQuarterly }[];
}

/** Quarterly progress of every KPI of an item. */
export function itemQuarterlyProgress(item: { id: string; kpis: Kpi[] }, header: PlanHeader): ItemQuarterly {
  return { id: item.id, kpis: item.kpis.map((kpi) => ({ no: kpi.no, name: kpi.name, years: kpiQuarterlyProgress(kpi, header) })) };
}

/** The latest reported quarter of a year (1–4), or null when none is reported. */
export function latestReportedQuarter(kpi: Pick<Kpi, 'quarterlyActuals'>, year: string): Quarter | null {
  const cells = quarterCells(kpi, year);
  for (let i = 3; i >= 0; i--) if (cells[i] !== null) return (i + 1) as Quarter;
  return null;
}
