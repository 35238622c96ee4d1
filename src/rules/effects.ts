// 期待される効果 (Saitama action plan, seed 000): an effect printed with its formula, e.g.
// 「Ｒ２年度：13,000 時間／年（業務数×260 時間）」, is the KPI's target (or, once reported, its actual)
// times the factor — converted to the effect's unit where the factor is in another unit of time
// (枚数×2分 → 時間), times a price where one is printed (× 職員時給 4.5 千円). Pure functions; the
// sheet's formulas (layout/saitama-sheet.ts) perform exactly the same operations in the same order.
import type { ExpectedEffect, Item } from '../model/plan';
import type { ItemResult } from './evaluate';

/** Units of time an effect's factor may be stated in, in seconds. */
const SECONDS: Readonly<Record<string, number>> = { 秒: 1, 分: 60, 時間: 3600 };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The unit the factor's product is expressed in before any price: the price's "per" unit, else the effect's unit. */
function productUnit(effect: ExpectedEffect): string | undefined {
  return effect.price ? effect.price.per : effect.unit;
}

/**
 * The operations that turn a quantity into the effect: multiply by each of `multiply` in turn, then
 * divide by `divide` (1 = no division). Null when the effect has no formula over a KPI, or its factor's
 * unit cannot be converted to the effect's unit.
 */
export function effectOperations(effect: ExpectedEffect): { multiply: number[]; divide: number } | null {
  if (effect.kpi === undefined || effect.factor === undefined || !Number.isFinite(effect.factor)) return null;
  const multiply = [effect.factor];
  if (effect.price) multiply.push(effect.price.value);
  let divide = 1;
  const from = effect.factorUnit;
  const to = productUnit(effect);
  if (from !== undefined && from !== to) {
    const a = SECONDS[from];
    const b = to === undefined ? undefined : SECONDS[to];
    if (a === undefined || b === undefined) return null;
    const g = gcd(a, b);
    if (a / g !== 1) multiply.push(a / g);
    divide = b / g;
  }
  return { multiply, divide };
}

/** True when the effect can be computed from its KPI's target or actual. */
export function hasFormula(effect: ExpectedEffect): boolean {
  return effectOperations(effect) !== null;
}

/** The effect of one quantity (a year's target or actual), or null when the effect has no formula. */
export function effectOf(effect: ExpectedEffect, quantity: number): number | null {
  const ops = effectOperations(effect);
  if (!ops || !Number.isFinite(quantity)) return null;
  let x = quantity;
  for (const m of ops.multiply) x *= m;
  if (ops.divide !== 1) x /= ops.divide;
  return Number.isFinite(x) ? x : null; // an overflow: the sheet's formula shows nothing (effectFormula)
}

/** The same operations as an Excel formula over one cell: IF(ISNUMBER(F12),F12*2/60,""), blank where it overflows. */
export function effectFormula(effect: ExpectedEffect, ref: string): string | null {
  const ops = effectOperations(effect);
  if (!ops) return null;
  const expr = `${ref}${ops.multiply.map((m) => `*${m}`).join('')}${ops.divide !== 1 ? `/${ops.divide}` : ''}`;
  return `IF(ISNUMBER(${ref}),IF(ISERROR(${expr}),"",${expr}),"")`;
}

/** How the formula reads on the sheet: 「①×260時間」, 「②×2分」, 「①×2分×職員時給4.5千円」. */
export function effectFormulaText(effect: ExpectedEffect, kpiLabel: string): string {
  if (effect.factor === undefined) return '';
  const unit = effect.factorUnit ?? productUnit(effect) ?? '';
  const price = effect.price ? `×${effect.price.label ?? ''}${effect.price.value}${effect.price.unit}` : '';
  return `${kpiLabel}×${effect.factor}${unit}${price}`;
}

export interface EffectYear {
  /** From the year's target (the plan's expected effect); null without a numeric target. */
  target: number | null;
  /** From the year's actual, once reported; null otherwise. */
  actual: number | null;
}

export interface EffectResult {
  index: number;
  computable: boolean;
  years: Record<string, EffectYear>;
}

/**
 * Every expected effect of an item per year, from the evaluated KPIs: the resolved numeric target and the
 * numeric actual, as the sheet's cells hold them (text targets such as 「ほぼ全県民」 give no effect).
 */
export function evaluateEffects(item: Item, result: ItemResult, years: string[]): EffectResult[] {
  return (item.expectedEffects ?? []).map((effect, index) => {
    const k = effect.kpi === undefined ? -1 : item.kpis.findIndex((kpi) => kpi.no === effect.kpi);
    const computable = hasFormula(effect) && k >= 0 && item.kpis[k].direction !== 'qualitative';
    const out: Record<string, EffectYear> = {};
    for (const y of years) {
      if (!computable) {
        out[y] = { target: null, actual: null };
        continue;
      }
      const ky = result.kpis[k].years[y];
      const actual = item.kpis[k].actuals[y];
      out[y] = {
        target: typeof ky?.target === 'number' ? effectOf(effect, ky.target) : null,
        actual: typeof actual === 'number' ? effectOf(effect, actual) : null,
      };
    }
    return { index, computable, years: out };
  });
}
