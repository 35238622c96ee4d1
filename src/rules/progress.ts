// Progress toward a final target (SOURCE-LAYOUTS.md §5, §7): the interim view of a progress summary
// such as Yamagata's 主な目標指標 table — the latest actual against the plan's final target, from the
// baseline, and against the time already spent. Pure numbers in, plain values out; the sheet's formulas
// (layout/yamagata-sheet.ts) mirror every figure cell for cell, with the engine's rounding and display.
//
//   進捗率          latest actual / final target × 100          (71.5 / 100 → 72%; 75.6 / 120 → 63%)
//                   (target / actual for lower-is-better, (target − actual) / target for margin KPIs)
//   基準からの進捗  (actual − base) / (target − base) × 100     ((86.3 − 16.7) / (100 − 16.7) → 84%)
//   経過            years spent of the years the target allows:
//                   a period total (120億円 R3~R6累計): fiscal years of the period reached, counted
//                   inclusively (R4 → R3, R4 = 2 of 4); a level target: years since the baseline year
//                   out of the years from the baseline year to the target's own year (R4 against
//                   100%(R7) from R1 → 3 of 6, not 3 of 5 as an R6 target would be).
//   ペース比        the share reached divided by the share of time spent × 100: a period total uses
//                   the 進捗率 (75.6 / (120 × 2/4) → 126%), a level target the 基準からの進捗.
//
// A final target set for another year than the plan's last (「100%(R7)」) is compared as a target of
// that year, and flagged; one outside the plan's years is flagged as such.
import type { Kpi, PlanHeader } from '../model/plan';
import { fiscalYearNumber, formatFiscalYearLabel } from '../model/fiscal-year';
import type { Message } from './parse-number';
import { parseTarget } from './parse-target';
import { displayRate, finitePercent, ratePercent, rateMethodOf } from './rate';
import { interpretActual } from './evaluate';

export type ProgressFlagCode = 'targetOutsidePlan' | 'targetOtherYear' | 'periodTotal';

export interface ProgressFlag extends Message {
  code: ProgressFlagCode;
}

export type ProgressStatus =
  | 'evaluated' // a numeric final target and a numeric actual: 進捗率 is set
  | 'noActual' // no numeric actual in any plan year yet
  | 'noTarget' // no numeric final target
  | 'qualitative'; // progress is not computed for qualitative KPIs

export interface Progress {
  /** The final target as a number, and the year it is set for (finalTarget.year, or the period's end). */
  target: number | null;
  targetYear: string | null;
  /** The latest plan year with a numeric actual, and that actual (a running total for period totals). */
  latestYear: string | null;
  actual: number | null;
  baseline: number | null;
  /** 進捗率: unrounded percent (15 significant digits), null where none; display as the sheet shows it. */
  rate: number | null;
  display: string | null;
  /** 基準からの進捗. */
  fromBase: number | null;
  fromBaseDisplay: string | null;
  /** 経過: years spent and years allowed, e.g. 2 and 4; display 「2/4年」. */
  elapsed: number | null;
  span: number | null;
  elapsedDisplay: string | null;
  /** ペース比: the share reached over the share of time spent. */
  pace: number | null;
  paceDisplay: string | null;
  status: ProgressStatus;
  flags: ProgressFlag[];
}

/** The number a final target stands for: finalTarget.value, else the period total's value. */
export function finalTargetNumber(kpi: Kpi): number | null {
  const raw = kpi.finalTarget?.value ?? kpi.periodTarget?.value;
  if (raw === undefined || kpi.direction === 'qualitative') return null;
  const spec = parseTarget(raw, kpi.direction, kpi.strict);
  return spec.kind === 'number' ? spec.value : null;
}

/** The year a final target is set for: finalTarget.year, else the period's last year, else the plan's last year. */
export function finalTargetYear(kpi: Kpi, header: PlanHeader): string | null {
  return kpi.finalTarget?.year ?? kpi.periodTarget?.to ?? header.years[header.years.length - 1] ?? null;
}

/** True for a target over a closed span of years that accumulates (「120億円 (R3~R6年度累計)」). */
export function isPeriodTotal(kpi: Kpi): kpi is Kpi & { periodTarget: { from: string; to: string; kind: 'total' } } {
  return kpi.periodTarget?.kind === 'total' && !!kpi.periodTarget.to;
}

/** The baseline's year: the KPI's own (「1,619人 (R1)」), else the plan's base year. */
export function baselineYearOf(kpi: Kpi, header: PlanHeader): string {
  return kpi.baselineYear ?? header.baseYear;
}

/**
 * 経過 for an actual of `year`: [years spent, years allowed], or null when the KPI has no span
 * (no baseline year before the target year, or a period that does not close). Years spent are clamped
 * to 0 … allowed. The sheet bakes these numbers into its formulas, one per year column.
 */
export function elapsedFor(kpi: Kpi, header: PlanHeader, year: string): { elapsed: number; span: number } | null {
  const targetYear = finalTargetYear(kpi, header);
  if (targetYear === null) return null;
  let elapsed: number;
  let span: number;
  if (isPeriodTotal(kpi)) {
    const from = fiscalYearNumber(kpi.periodTarget.from);
    span = fiscalYearNumber(kpi.periodTarget.to) - from + 1;
    elapsed = fiscalYearNumber(year) - from + 1;
  } else {
    const from = fiscalYearNumber(baselineYearOf(kpi, header));
    span = fiscalYearNumber(targetYear) - from;
    elapsed = fiscalYearNumber(year) - from;
  }
  if (span <= 0) return null;
  return { elapsed: Math.min(span, Math.max(0, elapsed)), span };
}

/** The flags a KPI's final target raises, whatever its actuals: another year, outside the plan, a period total. */
export function progressFlags(kpi: Kpi, header: PlanHeader): ProgressFlag[] {
  const flags: ProgressFlag[] = [];
  const targetYear = kpi.finalTarget?.year;
  const years = header.years;
  const last = years[years.length - 1];
  const span = `${formatFiscalYearLabel(years[0])}～${formatFiscalYearLabel(last)}`;
  if (targetYear && !years.includes(targetYear)) {
    flags.push({
      code: 'targetOutsidePlan',
      ja: `目標は${formatFiscalYearLabel(targetYear)}の値（計画期間${span}外）`,
      en: `the target is set for ${targetYear}, outside the plan's years ${years[0]}–${last}`,
    });
  } else if (targetYear && targetYear !== last) {
    flags.push({ code: 'targetOtherYear', ja: `目標は${formatFiscalYearLabel(targetYear)}の値`, en: `the target is set for ${targetYear}, not the plan's last year ${last}` });
  }
  if (isPeriodTotal(kpi)) {
    const p = kpi.periodTarget;
    flags.push({
      code: 'periodTotal',
      ja: `${formatFiscalYearLabel(p.from)}～${formatFiscalYearLabel(p.to)}の累計`,
      en: `a total over ${p.from}–${p.to}: the actual is the running total`,
    });
  }
  return flags;
}

function numberOf(kpi: Kpi, raw: unknown): number | null {
  const got = interpretActual(kpi, (raw ?? null) as never);
  return got.kind === 'number' ? got.value : null;
}

/** 進捗率 before rounding: the KPI's rate formula applied to the final target (null for a zero divisor). */
function progressPercent(kpi: Kpi, target: number, actual: number): number | null {
  const method = rateMethodOf(kpi);
  return method === 'qualitative' ? null : ratePercent(method, target, actual);
}

function shown(rate: number | null, kpi: Kpi): string {
  return rate === null ? '－' : displayRate(rate, kpi.decimals ?? 0).text;
}

export function progressOf(kpi: Kpi, header: PlanHeader): Progress {
  const target = finalTargetNumber(kpi);
  const targetYear = finalTargetYear(kpi, header);
  const baseline = numberOf(kpi, kpi.baseline);
  let latestYear: string | null = null;
  let actual: number | null = null;
  for (const y of header.years) {
    const v = numberOf(kpi, kpi.actuals[y]);
    if (v !== null) [latestYear, actual] = [y, v];
  }
  const out: Progress = {
    target,
    targetYear,
    latestYear,
    actual,
    baseline,
    rate: null,
    display: null,
    fromBase: null,
    fromBaseDisplay: null,
    elapsed: null,
    span: null,
    elapsedDisplay: null,
    pace: null,
    paceDisplay: null,
    status: 'evaluated',
    flags: progressFlags(kpi, header),
  };
  if (kpi.direction === 'qualitative') return { ...out, target: null, status: 'qualitative' };
  if (latestYear !== null && actual !== null) {
    const e = elapsedFor(kpi, header, latestYear);
    if (e) Object.assign(out, { elapsed: e.elapsed, span: e.span, elapsedDisplay: `${e.elapsed}/${e.span}年` });
  }
  if (target === null) return { ...out, status: 'noTarget' };
  if (actual === null) return { ...out, status: 'noActual' };

  out.rate = progressPercent(kpi, target, actual);
  out.display = shown(out.rate, kpi);
  out.fromBase = baseline === null || target === baseline ? null : finitePercent(((actual - baseline) / (target - baseline)) * 100);
  out.fromBaseDisplay = shown(out.fromBase, kpi);
  // ペース比: the period total's share (ratio only), or the level target's progress from the baseline.
  const e = out.elapsed;
  const s = out.span;
  if (e !== null && s !== null && e > 0) {
    if (isPeriodTotal(kpi)) {
      out.pace = rateMethodOf(kpi) === 'ratio' && target !== 0 ? finitePercent((actual / ((target * e) / s)) * 100) : null;
    } else if (baseline !== null && target !== baseline) {
      out.pace = finitePercent(((actual - baseline) / (((target - baseline) * e) / s)) * 100);
    }
  }
  out.paceDisplay = shown(out.pace, kpi);
  return out;
}

/** Progress of every KPI of every item: progress[itemIndex][kpiIndex]. */
export function progressOfPlan(plan: { plan: PlanHeader; items: { kpis: Kpi[] }[] }): Progress[][] {
  return plan.items.map((item) => item.kpis.map((kpi) => progressOf(kpi, plan.plan)));
}
