// Excel formulas that mirror the rules engine cell for cell (rules/rate.ts, rules/evaluate.ts).
// Only non-volatile functions that Excel, Excel on the web and LibreOffice share: IF, AND, ISNUMBER,
// ROUND, MIN, TEXT, COUNT, SUM, FIND, ISERROR, LEN, ISBLANK, OR. No LET (LibreOffice 7 lacks it).
import type { Kpi } from '../model/plan';
import type { Comparator } from '../rules/parse-number';
import { nearHundredCap, rateMethodOf } from '../rules/rate';

/** The cells one KPI-year formula reads, as A1 references on the same sheet. */
export interface KpiYearRefs {
  target: string;
  actual: string;
  percent: string; // hidden helper: the unrounded rate
  flag: string; // hidden helper: 1 achieved, 0 missed, "" not evaluated
}

const DASHES = '－ー-—―‐–─';
const OPS: Record<Comparator, string> = { ge: '>=', gt: '>', le: '<=', lt: '<' };

export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A qualitative target is present when it is not blank and not a dash. */
function qualitativeTargetPresent(t: string): string {
  return `AND(${t}<>"",ISERROR(FIND(${t},${quote(DASHES)})))`;
}

/**
 * A percent expression, or "" where it overflows (an actual of 1E308 against a target of 0.5: Excel and
 * LibreOffice give #NUM!, the engine no rate, so the sheet shows 「－」 and caches no Infinity).
 */
export function guardedPercent(expr: string): string {
  return `IF(ISERROR(${expr}),"",${expr})`;
}

/**
 * Unrounded percent, or "" (no actual, no target, 「－」 for a zero divisor or an overflow). Unrounded, as
 * the engine's rate (rules/rate.ts): the display rounds it (displayFormula), so the cached helper equals
 * what any engine recalculates.
 */
export function percentFormula(kpi: Pick<Kpi, 'direction' | 'rateFormula'>, r: KpiYearRefs): string {
  const { target: t, actual: a } = r;
  const both = `AND(ISNUMBER(${t}),ISNUMBER(${a}))`;
  switch (rateMethodOf(kpi)) {
    case 'ratio':
      return `IF(${both},IF(${t}=0,IF(${a}=0,100,""),${guardedPercent(`${a}/${t}*100`)}),"")`;
    case 'inverse':
      return `IF(${both},IF(${a}=0,IF(${t}=0,100,""),${guardedPercent(`${t}/${a}*100`)}),"")`;
    case 'margin':
      return `IF(${both},IF(${t}=0,"",${guardedPercent(`(${t}-${a})/${t}*100`)}),"")`;
    case 'qualitative':
      return `IF(${qualitativeTargetPresent(t)},IF(${a}="達成",100,IF(${a}="未達成",0,"")),"")`;
  }
}

/** 1 achieved, 0 missed, "" not evaluated: compares the raw numbers, never the rounded percent. */
export function flagFormula(kpi: Pick<Kpi, 'direction'>, comparator: Comparator, r: KpiYearRefs): string {
  if (kpi.direction === 'qualitative') return `IF(${r.percent}="","",IF(${r.percent}=100,1,0))`;
  const { target: t, actual: a } = r;
  return `IF(AND(ISNUMBER(${t}),ISNUMBER(${a})),IF(${a}${OPS[comparator]}${t},1,0),"")`;
}

function zeros(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/** Grade suffix such as 「（A）」 from the plan's optional scale, or nothing. */
function gradeSuffix(p: string, bands: { label: string; minRate: number }[] | undefined): string {
  if (!bands || bands.length === 0) return '';
  const sorted = [...bands].sort((a, b) => b.minRate - a.minRate);
  const chain = sorted.reduceRight((rest, band) => `IF(${p}>=${band.minRate},${quote(`（${band.label}）`)},${rest})`, '""');
  return `&${chain}`;
}

/**
 * The text the sheet shows under a target: "67%", "99.8%" near 100 (a miss never reads 100%),
 * 「－」 where the rate has a zero divisor, 達成/未達成 or 100%/0% for qualitative KPIs.
 */
export function displayFormula(
  kpi: Pick<Kpi, 'direction' | 'decimals' | 'qualitativeDisplay'>,
  r: KpiYearRefs,
  bands?: { label: string; minRate: number }[],
): string {
  const p = r.percent;
  const grade = gradeSuffix(p, bands);
  if (kpi.direction === 'qualitative') {
    const word = kpi.qualitativeDisplay === 'word' ? `IF(${p}=100,"達成","未達成")` : `${p}&"%"`;
    return `IF(${p}="","",${word}${grade})`;
  }
  const d = kpi.decimals ?? 0;
  const near = Math.max(1, d);
  // Cut to 10 decimals before rounding (rules/rate.ts displayRate): Excel rounds on 15 significant
  // digits (10194/1200*100 → 849.5 → 850), LibreOffice 7 the raw double (849.4999… → 849).
  const cut = `ROUND(${p},10)`;
  // A miss the cut brings to exactly 100 is capped as well (rules/rate.ts displayRate): the raw rate is
  // never compared with 100, as engines break that tie each their own way within 1e-14 of it.
  const below = r.flag ? `OR(${cut}<100,AND(${cut}=100,${r.flag}=0))` : `${cut}<100`;
  const text =
    `IF(AND(${below},ROUND(${cut},${d})>=100),` +
    `TEXT(MIN(ROUND(${cut},${near}),${nearHundredCap(near)}),"${zeros(near)}")&"%",` +
    `TEXT(ROUND(${cut},${d}),"${zeros(d)}")&"%")`;
  return `IF(AND(ISNUMBER(${r.target}),ISNUMBER(${r.actual})),IF(${p}="","－",${text}${grade}),"")`;
}

/** 前年度以上: the previous year's actual once it exists, the words until then. */
export function relativeTargetFormula(previousActual: string, label: string): string {
  return `IF(ISNUMBER(${previousActual}),${previousActual},${quote(label)})`;
}

/**
 * What relativeTargetFormula computes, from the value written in the previous-actual cell: the cached
 * result, whatever this year's actual (a text actual leaves the engine without a resolved target).
 */
export function relativeTargetResult(previousActual: unknown, label: string): number | string {
  return typeof previousActual === 'number' && Number.isFinite(previousActual) ? previousActual : label;
}

/** 達成件数 x / y over the hidden achieved flags; blank when nothing is evaluated (never 0 / 0). */
export function countFormula(flags: string[]): string {
  if (flags.length === 0) return '""';
  const list = flags.join(',');
  return `IF(COUNT(${list})=0,"",SUM(${list})&" / "&COUNT(${list}))`;
}

/** Conditional-format test for an actual still missing while the year is being evaluated. */
export function missingActualRule(kpi: Pick<Kpi, 'direction'>, r: KpiYearRefs, countCell: string): string {
  const hasTarget = kpi.direction === 'qualitative' ? qualitativeTargetPresent(r.target) : `ISNUMBER(${r.target})`;
  return `AND(ISBLANK(${r.actual}),${hasTarget},${countCell}<>"")`;
}
