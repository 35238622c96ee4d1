// The achievement rate of one KPI-year (spec §4): which formula, the zero cases, the display rule,
// and whether the year counts as achieved. Pure numbers in, plain values out.
import type { RateFormula } from '../model/plan';
import type { Comparator } from './parse-number';
import { excelRound, excelValue, fixedText } from './round';

export type RateMethod = RateFormula | 'qualitative';

/** Rate formula a KPI uses: declared, or the default for its direction. */
export function rateMethodOf(kpi: { direction: string; rateFormula?: RateFormula }): RateMethod {
  if (kpi.direction === 'qualitative') return 'qualitative';
  return kpi.rateFormula ?? (kpi.direction === 'lower' ? 'inverse' : 'ratio');
}

/**
 * Unrounded achievement percent, or null where the sheet shows 「－」 (a zero divisor, or a quotient
 * too large for a double: Excel's #NUM!, never Infinity in a cell).
 *   ratio   actual / target × 100      (higher is better)
 *   inverse target / actual × 100      (lower is better)
 *   margin  (target − actual) / target × 100   (lower is better, actual may be ≤ 0)
 * Target 0 and actual 0 is 100% for ratio and inverse (nothing to do, nothing done).
 */
export function ratePercent(method: Exclude<RateMethod, 'qualitative'>, target: number, actual: number): number | null {
  switch (method) {
    case 'ratio':
      if (target === 0) return actual === 0 ? 100 : null;
      return finitePercent((actual / target) * 100);
    case 'inverse':
      if (actual === 0) return target === 0 ? 100 : null;
      return finitePercent((target / actual) * 100);
    case 'margin':
      if (target === 0) return null;
      return finitePercent(((target - actual) / target) * 100);
  }
}

/** A percent as Excel holds it (15 significant digits), or null where the double overflowed. */
export function finitePercent(x: number): number | null {
  return Number.isFinite(x) ? excelValue(x) : null;
}

/**
 * Achieved compares the raw numbers, never the rounded percent — at the 15 significant digits Excel
 * stores and compares, so the engine and the sheet's flag formula agree.
 */
export function isAchieved(comparator: Comparator, rawTarget: number, rawActual: number): boolean {
  const target = excelValue(rawTarget);
  const actual = excelValue(rawActual);
  switch (comparator) {
    case 'ge':
      return actual >= target;
    case 'gt':
      return actual > target;
    case 'le':
      return actual <= target;
    case 'lt':
      return actual < target;
  }
}

export interface RateDisplay {
  /** The rounded percent the sheet shows, e.g. 67 or 99.8. */
  value: number;
  /** Decimals shown. */
  decimals: number;
  /** The text the sheet shows, e.g. "67%". */
  text: string;
}

/**
 * Display rule: integer percent (or the KPI's declared decimals); when rounding would lift a rate
 * below 100 to 100 or more, show one more decimal (at least one) capped just under 100, so that a
 * miss never reads 100%: 95.8/96 → 99.8%, 99.96 → 99.9%. The rate is first cut to 10 decimals, as
 * the sheet's display formula does (layout/formulas.ts): LibreOffice rounds the raw double, and the
 * cut makes every engine show the same digits. A miss that the cut brings to exactly 100 (0.69999999999999
 * of 0.7, a strict KPI's actual equal to its target) is capped too: `missed` is the achieved flag's verdict
 * on the raw numbers. The raw rate is never compared with 100 itself: within 1e-14 of it Excel (15 digits)
 * and LibreOffice (a 2^-48 tolerance) disagree. An achieved 100 reads 100%.
 */
export function displayRate(rate: number, declaredDecimals = 0, missed = false): RateDisplay {
  const cut = excelRound(rate, 10);
  let decimals = declaredDecimals;
  let value = excelRound(cut, decimals);
  if ((cut < 100 || (cut === 100 && missed)) && value >= 100) {
    decimals = Math.max(1, declaredDecimals);
    value = Math.min(excelRound(cut, decimals), nearHundredCap(decimals));
  }
  return { value, decimals, text: `${fixedText(value, decimals)}%` };
}

/** 99.9 for one decimal, 99.99 for two … */
export function nearHundredCap(decimals: number): number {
  return excelValue(100 - 10 ** -decimals);
}

/** Grade label for a rate from a plan's optional grading scale (highest band whose minimum is met). */
export function gradeOf(rate: number | null, bands: { label: string; minRate: number }[] | undefined): string | null {
  if (rate === null || !bands || bands.length === 0) return null;
  const sorted = [...bands].sort((a, b) => b.minRate - a.minRate);
  return sorted.find((band) => rate >= band.minRate)?.label ?? null;
}
