// 期待される効果 computed from the formula and the year's target equal what seed 000 prints.
import { effectFormula, effectOf, effectOperations, evaluateEffects, hasFormula } from '../../src/rules/effects';
import { evaluatePlan } from '../../src/rules/evaluate';
import type { ExpectedEffect } from '../../src/model/plan';
import { saitamaPlan } from './support';

/** Rounded to the decimals the printed value shows. */
function asPrinted(computed: number, printed: number): number {
  const decimals = (String(printed).split('.')[1] ?? '').length;
  return Number(computed.toFixed(decimals));
}

test('every effect with a formula: factor × the year\'s target equals the printed value', async () => {
  const plan = await saitamaPlan();
  const result = evaluatePlan(plan);
  const checked: string[] = [];
  plan.items.forEach((item, i) => {
    const effects = evaluateEffects(item, result.items[i], plan.plan.years);
    (item.expectedEffects ?? []).forEach((effect, e) => {
      if (!hasFormula(effect)) return;
      expect(effects[e].computable).toBe(true);
      for (const [y, printed] of Object.entries(effect.values ?? {})) {
        const computed = effects[e].years[y].target;
        expect({ item: item.no, effect: effect.label, y, value: computed === null ? null : asPrinted(computed, printed) }).toEqual({ item: item.no, effect: effect.label, y, value: printed });
        checked.push(`No.${item.no} ${effect.label} ${y}`);
      }
    });
  });
  // RPA, AI-OCR and 音声テキスト化 (No.1, three years each) and the 県民向けシステム chatbot (No.3, R4).
  expect(checked).toHaveLength(10);
});

test('printed totals equal the sum of the printed yearly values where both are printed', async () => {
  const plan = await saitamaPlan();
  const both = plan.items.flatMap((i) => i.expectedEffects ?? []).filter((e) => e.total && e.values);
  expect(both.length).toBeGreaterThan(0);
  for (const e of both) expect(Object.values(e.values!).reduce((a, b) => a + b, 0)).toBe(e.total!.value);
});

test('units: minutes become hours, a price multiplies after the conversion; the formula mirrors the arithmetic', () => {
  const ocr: ExpectedEffect = { label: 'ＡＩ－ＯＣＲ', text: '', kpi: 2, factor: 2, factorUnit: '分', unit: '時間' };
  expect(effectOperations(ocr)).toEqual({ multiply: [2], divide: 60 });
  expect(effectOf(ocr, 12000)).toBe(400);
  expect(effectFormula(ocr, 'F12')).toBe('IF(ISNUMBER(F12),IF(ISERROR(F12*2/60),"",F12*2/60),"")');
  const chatbot: ExpectedEffect = { label: '県民向けシステム', text: '', kpi: 1, factor: 2, factorUnit: '分', price: { value: 4.5, unit: '千円', per: '時間' }, unit: '千円' };
  expect(effectOf(chatbot, 220000)).toBe(33000);
  expect(effectFormula(chatbot, 'F12')).toBe('IF(ISNUMBER(F12),IF(ISERROR(F12*2*4.5/60),"",F12*2*4.5/60),"")');
  const hours: ExpectedEffect = { label: 'x', text: '', kpi: 1, factor: 2, factorUnit: '時間', unit: '分' };
  expect(effectOf(hours, 3)).toBe(360);
  expect(hasFormula({ label: 'no kpi', text: '', factor: 30, unit: '時間' })).toBe(false);
  expect(hasFormula({ label: 'odd unit', text: '', kpi: 1, factor: 2, factorUnit: '枚', unit: '時間' })).toBe(false);
});

test('effects follow the actual once it is entered, and a text target gives none', async () => {
  const plan = await saitamaPlan();
  const item = plan.items.find((i) => i.no === 1)!;
  item.kpis[0].actuals = { R2: 48 };
  item.kpis[1].targets.R3 = '精査中';
  const result = evaluatePlan(plan).items[0];
  const [rpa, ocr] = evaluateEffects(item, result, plan.plan.years);
  expect(rpa.years.R2).toEqual({ target: 13000, actual: 48 * 260 });
  expect(ocr.years.R3).toEqual({ target: null, actual: null });
});
