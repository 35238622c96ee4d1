// A KPI target as written in the sheet (spec EVALUATION-SHEET.md §4 "Text targets", §6 RelativeTarget).
// Pure functions.
//
//   number                          → number, comparator from the direction: higher → ge, lower → le
//                                     (strict, i.e. 未満/超 KPIs: gt / lt). A qualitative KPI with a number reads as higher.
//   '' / null / undefined           → blank
//   '－' 'ー' '—' '-' …              → none
//   qualitative direction, text     → text (the goal as written)
//   前年度以上, 前年度水準以上,        → relative (the target is the previous year's actual, the baseline for the first year);
//   前年度以下, (前年度以下), （前年度以下）  the comparison word decides (以上 ge, 以下 le, 未満 lt, 超 gt)
//   { relative: 'previousActual' }  → relative with the comparator from the direction (and strict); the label is only
//                                     display text, default 前年度以上 (higher) / 前年度以下 (lower)
//   '75%以上', '20％未満', '1,266件' → number via parseClerkValue; an explicit 以上/以下/未満/超 overrides the direction
//   anything else ('50％以上削減', '100%(R7)', '期間内に公表') → text

import { parseClerkValue, type Comparator } from './parse-number';

export type { Comparator } from './parse-number';

export type TargetSpec =
  | { kind: 'none'; raw: string }
  | { kind: 'blank' }
  | { kind: 'number'; value: number; unit: string; comparator: Comparator; raw: string; approximate?: boolean }
  | { kind: 'relative'; comparator: Comparator; label: string }
  | { kind: 'text'; text: string };

export type TargetDirection = 'higher' | 'lower' | 'qualitative';

export type TargetInput = number | string | { relative: 'previousActual'; label?: string } | null | undefined;

const WORD_COMPARATOR: Readonly<Record<string, Comparator>> = { 以上: 'ge', 以下: 'le', 未満: 'lt', 超: 'gt' };

/** 前年度以上 / 前年度水準以上 / 前年度実績以上 / 前年度以下 … after NFKC, whitespace and one pair of brackets removed. */
const RELATIVE_RE = /^前年度(?:の)?(?:水準|実績値?|値)?(以上|以下|未満|超)$/;

/** The comparator a KPI direction implies: higher → ge (strict: gt), lower → le (strict: lt); qualitative reads as higher. */
export function defaultComparator(direction: TargetDirection, strict = false): Comparator {
  if (direction === 'lower') return strict ? 'lt' : 'le';
  return strict ? 'gt' : 'ge';
}

/** The relative comparator of text such as 「前年度以上」「(前年度以下)」, or null when the text is not a relative target. */
export function relativeComparator(text: string): Comparator | null {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  const bracketed = /^[(\[【「](.*)[)\]】」]$/.exec(s);
  if (bracketed) s = bracketed[1];
  const m = RELATIVE_RE.exec(s);
  return m ? WORD_COMPARATOR[m[1]] : null;
}

/** Interprets one year's target of a KPI. `strict` is the KPI's 未満/超 flag (the target itself is not achieved). */
export function parseTarget(target: TargetInput, direction: TargetDirection, strict = false): TargetSpec {
  if (target === null || target === undefined) return { kind: 'blank' };
  const fallback = defaultComparator(direction, strict);

  if (typeof target === 'object') {
    if (target.relative !== 'previousActual') return { kind: 'text', text: JSON.stringify(target) };
    const label = target.label ?? (direction === 'lower' ? '前年度以下' : '前年度以上');
    return { kind: 'relative', comparator: fallback, label };
  }

  const parsed = parseClerkValue(target);
  if (parsed.kind === 'blank') return { kind: 'blank' };
  if (parsed.kind === 'none') return { kind: 'none', raw: parsed.raw };
  if (typeof target === 'number') {
    if (parsed.kind !== 'number') return { kind: 'text', text: String(target) };
    return { kind: 'number', value: parsed.value, unit: '', comparator: fallback, raw: parsed.raw };
  }

  const text = target.trim();
  if (direction === 'qualitative') return { kind: 'text', text };
  const relative = relativeComparator(text);
  if (relative) return { kind: 'relative', comparator: relative, label: text };
  if (parsed.kind !== 'number') return { kind: 'text', text };
  const spec: TargetSpec = {
    kind: 'number',
    value: parsed.value,
    unit: parsed.unit,
    comparator: parsed.comparator ?? fallback,
    raw: parsed.raw,
  };
  if (parsed.approximate) spec.approximate = true;
  return spec;
}
