// The rules engine against spec EVALUATION-SHEET.md §4, with the spec's own numbers (seed 001).
import fc from 'fast-check';
import { Plan, type PlanInput } from '../../src/model/plan';
import {
  countYear,
  evaluateItem,
  evaluateKpi,
  evaluateKpiYear,
  evaluatePlan,
  interpretActual,
  isDeletedIn,
  type KpiYearResult,
} from '../../src/rules/evaluate';
import { displayRate, gradeOf, isAchieved, nearHundredCap, ratePercent, rateMethodOf } from '../../src/rules/rate';

type ItemInput = PlanInput['items'][number];
type KpiInput = NonNullable<ItemInput['kpis']>[number];
type Band = { label: string; minRate: number };

const YEARS = ['R2', 'R3', 'R4', 'R5', 'R6'];
const GRADING: Band[] = [
  { label: 'A', minRate: 100 },
  { label: 'B', minRate: 80 },
  { label: 'C', minRate: 0 },
];

function makePlan(
  kpis: Partial<KpiInput>[],
  options: { grading?: Band[]; referenceIndicators?: ItemInput['referenceIndicators'] } = {},
): Plan {
  return Plan.parse({
    version: 1,
    plan: { id: 'test', title: 'テスト計画', baseYear: 'R1', years: YEARS, ...(options.grading ? { grading: options.grading } : {}) },
    items: [
      {
        id: '1-1-1',
        goal: { no: 1, name: '目標' },
        reform: { no: 1, name: '改革' },
        no: 1,
        title: '実施項目',
        kpis: kpis.map((k, i) => ({ no: i + 1, name: `指標${i + 1}`, direction: 'higher', ...k })),
        ...(options.referenceIndicators ? { referenceIndicators: options.referenceIndicators } : {}),
      },
    ],
  });
}

/** Evaluates one KPI (defaults: higher) in one year. */
function kpiYear(kpi: Partial<KpiInput>, year = 'R2', grading?: Band[]): KpiYearResult {
  const plan = makePlan([kpi], { grading });
  return evaluateKpiYear(plan.items[0].kpis[0], year, plan.plan);
}

/** A KPI with one target and one actual in R2. */
function single(target: NonNullable<KpiInput['targets']>[string] | undefined, actual: string | number | undefined, extra: Partial<KpiInput> = {}) {
  return kpiYear({
    targets: target === undefined ? {} : { R2: target },
    actuals: actual === undefined ? {} : { R2: actual },
    ...extra,
  });
}

describe('rate, higher is better: actual / target × 100', () => {
  test.each<[number, number, string, boolean]>([
    // seed 001 sheet 1
    [33.6, 22.6, '67%', false],
    [100, 64.5, '65%', false],
    [600, 975, '163%', true],
    [14.1, 8.3, '59%', false],
    // seed 001 sheet 11: 849.4999… in doubles, printed 850%
    [1200, 10194, '850%', true],
  ])('target %p, actual %p → %s', (target, actual, display, achieved) => {
    const r = single(target, actual);
    expect(r.status).toBe('evaluated');
    expect(r.display).toBe(display);
    expect(r.achieved).toBe(achieved);
    expect(r.target).toBe(target);
    expect(r.actual).toBe(actual);
    expect(r.comparator).toBe('ge');
  });

  test('the rate keeps full (15-digit) precision; only the display is rounded', () => {
    expect(single(33.6, 22.6).rate).toBe(67.2619047619048);
    expect(single(1200, 10194).rate).toBe(849.5);
    expect(single(96, 95.8).rate).toBe(99.7916666666667);
  });

  test('never capped: 3089% is printed as such (seed 001, 省力化時間 target 1,000)', () => {
    const r = single(1000, 30890);
    expect(r.display).toBe('3089%');
    expect(r.rate).toBe(3089);
    expect(r.achieved).toBe(true);
  });

  test('never floored: 66.5% shows 67%, 59.5% shows 60%', () => {
    expect(single(200, 133).display).toBe('67%');
    expect(single(200, 119).display).toBe('60%');
  });

  test('the baseline plays no part', () => {
    expect(single(33.6, 22.6, { baseline: 7 }).display).toBe('67%');
    expect(single(33.6, 22.6, { baseline: 1000 }).display).toBe('67%');
    expect(single(33.6, 22.6, { baseline: 1000 }).rate).toBe(single(33.6, 22.6).rate);
  });

  test('an explicit rateFormula "ratio" is the same as the default for higher', () => {
    expect(single(14.1, 8.3, { rateFormula: 'ratio' }).display).toBe('59%');
  });
});

describe('rate, lower is better, default inverse: target / actual × 100', () => {
  test.each<[number, string, boolean]>([
    // overtime hours, target 10.0 (seed 001 lines 5232–5290)
    [13.2, '76%', false],
    [15.3, '65%', false],
    [15.9, '63%', false],
    [10, '100%', true],
    [9.5, '105%', true],
  ])('target 10.0, actual %p → %s', (actual, display, achieved) => {
    const r = single(10.0, actual, { direction: 'lower' });
    expect(r.status).toBe('evaluated');
    expect(r.display).toBe(display);
    expect(r.achieved).toBe(achieved);
    expect(r.comparator).toBe('le');
  });

  test('県税以外の収入未済額: (前年度以下) with the R元 base 857 and R2 actual 832 → 103%, achieved', () => {
    const r = kpiYear({ direction: 'lower', unit: '百万円', baseline: 857, targets: { R2: '(前年度以下)' }, actuals: { R2: 832 } });
    expect(r.status).toBe('evaluated');
    expect(r.target).toBe(857);
    expect(r.comparator).toBe('le');
    expect(r.display).toBe('103%');
    expect(r.achieved).toBe(true);
  });

  test('the same with a relative-target object: the comparator comes from the direction', () => {
    const r = kpiYear({ direction: 'lower', baseline: 857, targets: { R2: { relative: 'previousActual' } }, actuals: { R2: 832 } });
    expect(r.target).toBe(857);
    expect(r.comparator).toBe('le');
    expect(r.display).toBe('103%');
    expect(r.achieved).toBe(true);
  });

  test('a lower KPI that declares rateFormula "ratio" uses actual / target', () => {
    const r = single(10, 13.2, { direction: 'lower', rateFormula: 'ratio' });
    expect(r.display).toBe('132%');
    expect(r.achieved).toBe(false); // achievement still compares the raw numbers: 13.2 > 10
  });

  test('rateMethodOf: declared formula, else the direction default', () => {
    expect(rateMethodOf({ direction: 'higher' })).toBe('ratio');
    expect(rateMethodOf({ direction: 'lower' })).toBe('inverse');
    expect(rateMethodOf({ direction: 'lower', rateFormula: 'margin' })).toBe('margin');
    expect(rateMethodOf({ direction: 'higher', rateFormula: 'inverse' })).toBe('inverse');
    expect(rateMethodOf({ direction: 'qualitative' })).toBe('qualitative');
  });
});

describe('rate, lower is better, margin form: (target − actual) / target × 100', () => {
  test('資金不足比率: target 「20％未満」, actual −475.2 → 2476%, achieved (seed 001 lines 9210–9311)', () => {
    const r = single('20％未満', -475.2, { direction: 'lower', rateFormula: 'margin', unit: '％' });
    expect(r.status).toBe('evaluated');
    expect(r.target).toBe(20);
    expect(r.comparator).toBe('lt');
    expect(r.display).toBe('2476%');
    expect(r.rate).toBe(2476);
    expect(r.achieved).toBe(true);
  });

  test('a numeric target with strict: true is the same 未満 comparison', () => {
    const r = single(20, -475.2, { direction: 'lower', rateFormula: 'margin', strict: true });
    expect(r.comparator).toBe('lt');
    expect(r.display).toBe('2476%');
    expect(r.achieved).toBe(true);
  });

  test('strict: the target itself is not achieved (20 is not 「20％未満」)', () => {
    const r = single('20％未満', 20, { direction: 'lower', rateFormula: 'margin' });
    expect(r.display).toBe('0%');
    expect(r.achieved).toBe(false);
  });

  test('not strict: the target itself is achieved', () => {
    const r = single(20, 20, { direction: 'lower', rateFormula: 'margin' });
    expect(r.display).toBe('0%');
    expect(r.achieved).toBe(true);
  });

  test('margin with a positive actual below the target', () => {
    const r = single(20, 5, { direction: 'lower', rateFormula: 'margin' });
    expect(r.display).toBe('75%');
    expect(r.achieved).toBe(true);
  });

  test('margin with target 0 has no percent', () => {
    expect(ratePercent('margin', 0, -3)).toBeNull();
    expect(single(0, -3, { direction: 'lower', rateFormula: 'margin' }).display).toBe('－');
  });
});

describe('display', () => {
  test('integer percent by default', () => {
    expect(displayRate(67.2619047619048)).toEqual({ value: 67, decimals: 0, text: '67%' });
    expect(displayRate(99.4)).toEqual({ value: 99, decimals: 0, text: '99%' });
    expect(displayRate(100.4)).toEqual({ value: 100, decimals: 0, text: '100%' });
    expect(displayRate(3089)).toEqual({ value: 3089, decimals: 0, text: '3089%' });
  });

  test('from 99.5% up to (not including) 100%: one decimal', () => {
    expect(displayRate(99.5)).toEqual({ value: 99.5, decimals: 1, text: '99.5%' });
    expect(displayRate(99.7916666666667)).toEqual({ value: 99.8, decimals: 1, text: '99.8%' });
    expect(displayRate(99.94)).toEqual({ value: 99.9, decimals: 1, text: '99.9%' });
    expect(displayRate(99.96)).toEqual({ value: 99.9, decimals: 1, text: '99.9%' });
    expect(displayRate(99.9999999)).toEqual({ value: 99.9, decimals: 1, text: '99.9%' });
    expect(displayRate(99.49)).toEqual({ value: 99, decimals: 0, text: '99%' });
  });

  test('declared decimals', () => {
    expect(displayRate(100.244, 1).text).toBe('100.2%');
    expect(displayRate(100.579, 1).text).toBe('100.6%');
    expect(displayRate(99.97, 1).text).toBe('99.9%');
    expect(displayRate(99.996, 2).text).toBe('99.99%');
    expect(displayRate(100, 1).text).toBe('100.0%');
    expect(displayRate(67.25, 2).text).toBe('67.25%');
    expect(nearHundredCap(1)).toBe(99.9);
    expect(nearHundredCap(2)).toBe(99.99);
  });

  test('95.8 / 96 → 99.8%, not achieved', () => {
    const r = single(96, 95.8);
    expect(r.display).toBe('99.8%');
    expect(r.achieved).toBe(false);
    expect(r.status).toBe('evaluated');
  });

  test('91.9 / 92.3 → 99.6%, not achieved', () => {
    const r = single(92.3, 91.9);
    expect(r.display).toBe('99.6%');
    expect(r.achieved).toBe(false);
  });

  test('a rate of 99.96 reads 99.9%, never 100% nor 100.0%', () => {
    const r = single(100, 99.96);
    expect(r.rate).toBe(99.96);
    expect(r.display).toBe('99.9%');
    expect(r.achieved).toBe(false);
    const lower = single(99.96, 100, { direction: 'lower' }); // inverse: 99.96 / 100
    expect(lower.display).toBe('99.9%');
    expect(lower.achieved).toBe(false);
  });

  test('exactly 100 → 100%, achieved', () => {
    const r = single(96, 96);
    expect(r.rate).toBe(100);
    expect(r.display).toBe('100%');
    expect(r.achieved).toBe(true);
  });

  test('a KPI declaring decimals: 1 shows 100.2% (seed 001 sheet 25)', () => {
    const r = single(98.23, 98.47, { decimals: 1 });
    expect(r.display).toBe('100.2%');
    expect(r.achieved).toBe(true);
    expect(single(98.23, 98.23, { decimals: 1 }).display).toBe('100.0%');
    expect(single(100, 99.97, { decimals: 1 }).display).toBe('99.9%');
  });

  test('property (clerk decimals): a miss never reads 100% or more, a hit never reads under 100%', () => {
    const decimal = fc
      .tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }))
      .map(([n, k]) => n / 10 ** k);
    fc.assert(
      fc.property(decimal, decimal, fc.constantFrom<'higher' | 'lower'>('higher', 'lower'), fc.integer({ min: 0, max: 2 }), (target, actual, direction, decimals) => {
        const r = single(target, actual, { direction, decimals });
        expect(r.status).toBe('evaluated');
        const shown = parseFloat(r.display as string);
        expect(r.display).toMatch(/^\d+(\.\d+)?%$/);
        if (r.achieved) expect(shown).toBeGreaterThanOrEqual(100);
        else expect(shown).toBeLessThan(100);
        const expectedAchieved = direction === 'higher' ? actual >= target : actual <= target;
        expect(r.achieved).toBe(expectedAchieved);
      }),
      { numRuns: 3000 },
    );
  });

  test('figures are compared at 15 significant digits, as Excel stores and compares them', () => {
    // Excel keeps 15 significant digits of what a clerk types, so 0.9999999999999999 cannot come from a
    // sheet; where it appears, it is the same number as 1 to Excel and LibreOffice, and to the engine.
    const r = single(1, 0.9999999999999999);
    expect(r.achieved).toBe(true);
    expect(r.display).toBe('100%');
    const miss = single(1, 0.99999999999999); // 14 nines: a real miss
    expect(miss.achieved).toBe(false);
    expect(parseFloat(miss.display as string)).toBeLessThan(100);
  });
});

describe('achieved compares the raw numbers, never the rounded percent', () => {
  test('99.8% is not achieved; exactly 100% is', () => {
    expect(single(96, 95.8).achieved).toBe(false);
    expect(single(96, 96).achieved).toBe(true);
  });

  test('a rate that rounds to 100% only through display rules is still judged on the numbers', () => {
    // 10.02 hours against 10.0 (lower): 99.8%, a miss
    const r = single(10, 10.02, { direction: 'lower' });
    expect(r.display).toBe('99.8%');
    expect(r.achieved).toBe(false);
    // 100.4% rounds down to 100%: a hit
    const s = single(250, 251);
    expect(s.display).toBe('100%');
    expect(s.achieved).toBe(true);
  });

  test('isAchieved: ≥ / ≤ include the target, 超 / 未満 do not', () => {
    expect(isAchieved('ge', 10, 10)).toBe(true);
    expect(isAchieved('ge', 10, 9.99)).toBe(false);
    expect(isAchieved('gt', 10, 10)).toBe(false);
    expect(isAchieved('gt', 10, 10.01)).toBe(true);
    expect(isAchieved('le', 10, 10)).toBe(true);
    expect(isAchieved('le', 10, 10.01)).toBe(false);
    expect(isAchieved('lt', 10, 10)).toBe(false);
    expect(isAchieved('lt', 10, 9.99)).toBe(true);
  });

  test('strict higher KPI (超): the target itself is not achieved', () => {
    const r = single(100, 100, { strict: true });
    expect(r.comparator).toBe('gt');
    expect(r.achieved).toBe(false);
    expect(single(100, 100.5, { strict: true }).achieved).toBe(true);
  });

  test('a miss whose rate is exactly 100 (超, the target itself) does not read 100%', () => {
    expect(single(100, 100, { strict: true }).display).toBe('99.9%');
    expect(single(100, 100).display).toBe('100%');
  });

  test('a miss within 1e-14 of 100% reads 99.99%, whichever way an engine breaks the tie', () => {
    // margin: (1199.40000000072 − 1e-12) / 1199.40000000072 = 99.99999999999992%, 未達成 (actual not above the target).
    const r = single(1199.40000000072, 1e-12, { rateFormula: 'margin', strict: true, decimals: 2 });
    expect(r.achieved).toBe(false);
    expect(r.display).toBe('99.99%');
  });
});

describe('zero', () => {
  test('target 0 and actual 0 → 100%, achieved (sheet 29 ⑮)', () => {
    for (const direction of ['higher', 'lower'] as const) {
      const r = single(0, 0, { direction });
      expect(r.status).toBe('evaluated');
      expect(r.rate).toBe(100);
      expect(r.display).toBe('100%');
      expect(r.achieved).toBe(true);
    }
  });

  test('actual 0 against a positive target → 0%, evaluated, not achieved', () => {
    const r = single(5, 0);
    expect(r.status).toBe('evaluated');
    expect(r.rate).toBe(0);
    expect(r.display).toBe('0%');
    expect(r.achieved).toBe(false);
  });

  test('target 0 with a positive actual (higher) → 「－」, achieved by the comparison', () => {
    const r = single(0, 3);
    expect(r.status).toBe('evaluated');
    expect(r.rate).toBeNull();
    expect(r.display).toBe('－');
    expect(r.achieved).toBe(true);
  });

  test('lower (inverse) with actual 0 and a positive target: zero divisor → 「－」, achieved', () => {
    const r = single(5, 0, { direction: 'lower' });
    expect(r.rate).toBeNull();
    expect(r.display).toBe('－');
    expect(r.achieved).toBe(true);
  });

  test('ratePercent zero cases', () => {
    expect(ratePercent('ratio', 0, 0)).toBe(100);
    expect(ratePercent('ratio', 5, 0)).toBe(0);
    expect(ratePercent('ratio', 0, 3)).toBeNull();
    expect(ratePercent('inverse', 0, 0)).toBe(100);
    expect(ratePercent('inverse', 5, 0)).toBeNull();
    expect(ratePercent('inverse', 0, 5)).toBe(0);
  });

  test('the zero-case KPI-years count in x / y', () => {
    const plan = makePlan([
      { targets: { R2: 0 }, actuals: { R2: 0 } },
      { targets: { R2: 5 }, actuals: { R2: 0 } },
      { targets: { R2: 0 }, actuals: { R2: 3 } },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c).toEqual({ achieved: 2, evaluated: 3, missing: 0, status: 'complete', display: '2 / 3' });
  });
});

describe('no actual yet → blank, never 0%', () => {
  test('a target without an actual: display null, status noActual', () => {
    const r = single(14.1, undefined);
    expect(r).toMatchObject({ status: 'noActual', display: null, rate: null, achieved: null, target: 14.1, actual: null });
  });

  test('an empty-string actual is no actual either', () => {
    expect(single(14.1, '').status).toBe('noActual');
    expect(single(14.1, '').display).toBeNull();
    expect(single(14.1, '   ').status).toBe('noActual');
  });

  test('not counted in y; counted as missing', () => {
    const plan = makePlan([
      { targets: { R2: 10 }, actuals: {} },
      { targets: { R2: 10 }, actuals: {} },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c.display).toBeNull(); // not 「0 / 2」
    expect(c.evaluated).toBe(0);
    expect(c.achieved).toBe(0);
    expect(c.missing).toBe(2);
    expect(c.status).toBe('notEvaluated');
  });
});

describe('「－」 target or actual leaves the KPI out of y', () => {
  test.each(['－', 'ー', '—', '-', '―'])('target %j with a filled actual → not evaluated', (dash) => {
    const r = single(dash, 12);
    expect(r.status).toBe('noTarget');
    expect(r.achieved).toBeNull();
    expect(r.display).toBeNull();
    expect(r.rate).toBeNull();
  });

  test.each(['－', 'ー', '—', '-', '―'])('actual %j with a filled target → excluded, not missing', (dash) => {
    const r = single(10, dash);
    expect(r.status).toBe('excluded');
    expect(r.achieved).toBeNull();
    expect(r.display).toBeNull();
    expect(r.target).toBe(10);
  });

  test('sheet 3 ③ R2: the dashed KPI is not in y, nor flagged missing', () => {
    const plan = makePlan([
      { targets: { R2: 10 }, actuals: { R2: 12 } },
      { targets: { R2: 10 }, actuals: { R2: 8 } },
      { targets: { R2: '－' }, actuals: { R2: 5 } },
      { targets: { R2: 10 }, actuals: { R2: '－' } },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c).toEqual({ achieved: 1, evaluated: 2, missing: 0, status: 'complete', display: '1 / 2' });
  });
});

describe('text targets', () => {
  test('「75%以上」 → 75, ≥', () => {
    const hit = single('75%以上', 75);
    expect(hit).toMatchObject({ status: 'evaluated', target: 75, comparator: 'ge', display: '100%', achieved: true });
    const miss = single('75%以上', 74.9);
    expect(miss).toMatchObject({ target: 75, display: '99.9%', achieved: false });
    expect(single('75%以上', 60).display).toBe('80%');
  });

  test('「20％未満」 on a lower KPI → 20, <', () => {
    const r = single('20％未満', 19, { direction: 'lower' });
    expect(r).toMatchObject({ target: 20, comparator: 'lt', display: '105%', achieved: true });
    expect(single('20％未満', 20, { direction: 'lower' }).achieved).toBe(false);
  });

  test('a text target that is not a number (「100%(R7)」) leaves the year out', () => {
    const r = single('100%(R7)', 80);
    expect(r.status).toBe('noTarget');
    expect(r.target).toBe('100%(R7)');
    expect(r.achieved).toBeNull();
  });

  test('a target written with a thousands separator and unit (「1,266件」) is a number', () => {
    const r = single('1,266件', 1266);
    expect(r).toMatchObject({ target: 1266, display: '100%', achieved: true });
  });
});

describe('relative targets (前年度以上)', () => {
  const jishu: Partial<KpiInput> = {
    name: '自主財源収入額',
    unit: '億円',
    baseline: 27.4,
    targets: Object.fromEntries(YEARS.map((y) => [y, { relative: 'previousActual', label: '前年度水準以上' }])),
  };

  test('first year compares with the baseline: 自主財源収入額 R2 21.7 vs R元 27.4 → 79%', () => {
    const r = kpiYear({ ...jishu, actuals: { R2: 21.7 } });
    expect(r).toMatchObject({ status: 'evaluated', target: 27.4, comparator: 'ge', display: '79%', achieved: false });
    expect(kpiYear({ ...jishu, actuals: { R2: 21.6 } }).display).toBe('79%');
  });

  const kenzei: Partial<KpiInput> = {
    name: '県税徴収率',
    unit: '％',
    decimals: 1,
    baseline: 98.23,
    targets: Object.fromEntries(YEARS.map((y) => [y, { relative: 'previousActual', label: '前年度以上' }])),
    actuals: { R2: 98.47, R3: 99.04, R4: 98.96 },
  };

  test('later years compare with the previous actual: 県税徴収率 R3 target = R2 actual 98.47', () => {
    expect(kpiYear(kenzei, 'R2')).toMatchObject({ status: 'evaluated', target: 98.23, display: '100.2%', achieved: true });
    expect(kpiYear(kenzei, 'R3')).toMatchObject({ status: 'evaluated', target: 98.47, display: '100.6%', achieved: true });
    expect(kpiYear(kenzei, 'R4')).toMatchObject({ status: 'evaluated', target: 99.04, display: '99.9%', achieved: false });
  });

  test('the resolved target with no actual of its own yet is noActual, with the number', () => {
    expect(kpiYear(kenzei, 'R5')).toMatchObject({ status: 'noActual', target: 98.96, display: null, achieved: null });
  });

  test('unresolved while the previous actual is missing: status pendingTarget, target = the label', () => {
    const r = kpiYear(kenzei, 'R6');
    expect(r).toMatchObject({ status: 'pendingTarget', target: '前年度以上', display: null, rate: null, achieved: null });
  });

  test('unresolved even when this year has an actual: not counted in y', () => {
    const plan = makePlan([{ ...kenzei, actuals: { R2: 98.47, R4: 99.5 } }]);
    const item = evaluateItem(plan.items[0], plan.plan);
    expect(item.kpis[0].years.R3.status).toBe('noActual');
    expect(item.kpis[0].years.R4).toMatchObject({ status: 'pendingTarget', target: '前年度以上', achieved: null, display: null });
    expect(item.counts.R4.display).toBeNull();
    expect(item.counts.R4.evaluated).toBe(0);
  });

  test('first year without a baseline is pending', () => {
    const r = kpiYear({ targets: { R2: { relative: 'previousActual', label: '前年度以上' } }, actuals: { R2: 5 } });
    expect(r.status).toBe('pendingTarget');
    expect(r.target).toBe('前年度以上');
  });

  test('the text form 「前年度以上」 behaves like the object', () => {
    const r = kpiYear({ baseline: 27.4, targets: { R2: '前年度以上' }, actuals: { R2: 21.7 } });
    expect(r).toMatchObject({ target: 27.4, display: '79%', achieved: false, comparator: 'ge' });
    expect(kpiYear({ targets: { R3: '前年度以上' }, actuals: { R3: 5 } }, 'R3')).toMatchObject({
      status: 'pendingTarget',
      target: '前年度以上',
    });
  });

  test('the previous fiscal year, not the previous entry of plan.years: years out of order (R4, R2, R3)', () => {
    // An unvalidated header (validate refuses the order): R4 still compares with R3's actual, R2 with the baseline.
    const relative = { R2: '前年度以上', R4: '前年度以上' };
    const plan = makePlan([{ baseline: 10, targets: relative, actuals: { R2: 20, R3: 40, R4: 30 } }]);
    const header = { ...plan.plan, years: ['R4', 'R2', 'R3'] };
    const kpi = plan.items[0].kpis[0];
    expect(evaluateKpiYear(kpi, 'R4', header)).toMatchObject({ target: 40, display: '75%', achieved: false });
    expect(evaluateKpiYear(kpi, 'R2', header)).toMatchObject({ target: 10, display: '200%', achieved: true });
  });

  test('an object without a label shows the default words while pending', () => {
    expect(kpiYear({ targets: { R3: { relative: 'previousActual' } } }, 'R3').target).toBe('前年度以上');
    expect(kpiYear({ direction: 'lower', targets: { R3: { relative: 'previousActual' } } }, 'R3').target).toBe('前年度以下');
  });
});

describe('qualitative KPIs', () => {
  const q = (actual: string | undefined, extra: Partial<KpiInput> = {}) =>
    single('期間内に公表', actual, { direction: 'qualitative', ...extra });

  test('達成 → 100%, 未達成 → 0% (sheet 23)', () => {
    expect(q('達成')).toMatchObject({ status: 'evaluated', target: '期間内に公表', rate: 100, display: '100%', achieved: true });
    expect(q('未達成')).toMatchObject({ status: 'evaluated', rate: 0, display: '0%', achieved: false });
  });

  test('qualitativeDisplay "word" → 達成 / 未達成 (sheet 24)', () => {
    expect(q('達成', { qualitativeDisplay: 'word' })).toMatchObject({ display: '達成', achieved: true });
    expect(q('未達成', { qualitativeDisplay: 'word' })).toMatchObject({ display: '未達成', achieved: false });
  });

  test('no actual yet → blank, flagged missing', () => {
    expect(q(undefined)).toMatchObject({ status: 'noActual', display: null, achieved: null });
  });

  test('a number as a qualitative actual is invalid', () => {
    const r = single('期間内に公表', 1, { direction: 'qualitative' });
    expect(r.status).toBe('invalid');
    expect(r.problems).toHaveLength(1);
  });

  test('they count in x / y', () => {
    const plan = makePlan([
      { direction: 'qualitative', targets: { R2: '黒字化' }, actuals: { R2: '達成' } },
      { direction: 'qualitative', targets: { R2: '期間内に公表' }, actuals: { R2: '未達成' }, qualitativeDisplay: 'word' },
      { targets: { R2: 10 }, actuals: { R2: 5 } },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c).toEqual({ achieved: 1, evaluated: 3, missing: 0, status: 'complete', display: '1 / 3' });
  });
});

describe('numbers that are text', () => {
  test('「1,266」 as an actual of a numeric KPI → invalid, with a message', () => {
    const r = single(1000, '1,266');
    expect(r.status).toBe('invalid');
    expect(r.display).toBeNull();
    expect(r.achieved).toBeNull();
    expect(r.rate).toBeNull();
    expect(r.target).toBe(1000);
    expect(r.problems).toHaveLength(1);
    expect(r.problems?.[0].ja).toContain('1,266');
    expect(r.problems?.[0].en).toContain('1266');
  });

  test('「13.2時間」 and 「達成」 on a numeric KPI are invalid too', () => {
    expect(single(10, '13.2時間', { direction: 'lower' }).status).toBe('invalid');
    expect(single(10, '達成').status).toBe('invalid');
    expect(single(10, 'abc').status).toBe('invalid');
  });

  test('an invalid actual is flagged missing and keeps the year partial', () => {
    const plan = makePlan([
      { targets: { R2: 10 }, actuals: { R2: 12 } },
      { targets: { R2: 1000 }, actuals: { R2: '1,266' } },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c).toEqual({ achieved: 1, evaluated: 1, missing: 1, status: 'partial', display: '1 / 1' });
  });

  test('interpretActual', () => {
    expect(interpretActual({ direction: 'higher' }, 12.5)).toEqual({ kind: 'number', value: 12.5 });
    expect(interpretActual({ direction: 'higher' }, 0)).toEqual({ kind: 'number', value: 0 });
    expect(interpretActual({ direction: 'higher' }, null)).toEqual({ kind: 'blank' });
    expect(interpretActual({ direction: 'higher' }, undefined)).toEqual({ kind: 'blank' });
    expect(interpretActual({ direction: 'higher' }, '')).toEqual({ kind: 'blank' });
    expect(interpretActual({ direction: 'higher' }, '－')).toEqual({ kind: 'none' });
    expect(interpretActual({ direction: 'qualitative' }, '達成')).toEqual({ kind: 'word', achieved: true });
    expect(interpretActual({ direction: 'qualitative' }, ' 未達成 ')).toEqual({ kind: 'word', achieved: false });
    expect(interpretActual({ direction: 'higher' }, '1,266').kind).toBe('error');
    expect(interpretActual({ direction: 'higher' }, '達成').kind).toBe('error');
    expect(interpretActual({ direction: 'higher' }, NaN).kind).toBe('error');
    expect(interpretActual({ direction: 'higher' }, Infinity).kind).toBe('error');
    expect(interpretActual({ direction: 'qualitative' }, 1).kind).toBe('error');
    expect(interpretActual({ direction: 'qualitative' }, '1').kind).toBe('error');
  });
});

describe('deleted indicators', () => {
  const deleted: Partial<KpiInput> = {
    targets: { R2: 10, R3: 10, R4: 10, R5: 10, R6: 10 },
    actuals: { R2: 12, R3: 8, R4: 11, R5: 12, R6: 12 },
    deleted: { from: 'R5', reason: '目標達成のため削除' },
  };

  test('excluded from R5 on, evaluated before', () => {
    expect(kpiYear(deleted, 'R4')).toMatchObject({ status: 'evaluated', achieved: true, display: '110%' });
    for (const y of ['R5', 'R6']) {
      expect(kpiYear(deleted, y)).toMatchObject({ status: 'excluded', achieved: null, display: null, rate: null, target: null });
    }
  });

  test('not counted nor missing from R5 on', () => {
    const plan = makePlan([deleted, { targets: { R4: 10, R5: 10 }, actuals: { R4: 5, R5: 5 } }]);
    const counts = evaluateItem(plan.items[0], plan.plan).counts;
    expect(counts.R4).toEqual({ achieved: 1, evaluated: 2, missing: 0, status: 'complete', display: '1 / 2' });
    expect(counts.R5).toEqual({ achieved: 0, evaluated: 1, missing: 0, status: 'complete', display: '0 / 1' });
  });

  test('isDeletedIn', () => {
    expect(isDeletedIn({ deleted: { from: 'R5', reason: '' } }, 'R4')).toBe(false);
    expect(isDeletedIn({ deleted: { from: 'R5', reason: '' } }, 'R5')).toBe(true);
    expect(isDeletedIn({ deleted: { from: 'R5', reason: '' } }, 'R6')).toBe(true);
    expect(isDeletedIn({}, 'R6')).toBe(false);
  });
});

describe('達成件数 x / y', () => {
  test('"1 / 3": one of three evaluated KPIs achieved', () => {
    const plan = makePlan([
      { targets: { R2: 33.6 }, actuals: { R2: 22.6 } },
      { targets: { R2: 600 }, actuals: { R2: 975 } },
      { targets: { R2: 14.1 }, actuals: { R2: 8.3 } },
    ]);
    const result = evaluateItem(plan.items[0], plan.plan);
    expect(result.counts.R2).toEqual({ achieved: 1, evaluated: 3, missing: 0, status: 'complete', display: '1 / 3' });
    expect(result.kpis.map((k) => k.years.R2.display)).toEqual(['67%', '163%', '59%']);
  });

  test('nothing evaluated → null, never 「0 / 0」', () => {
    const plan = makePlan([{ targets: { R2: 10 } }, { targets: {} }]);
    const counts = evaluateItem(plan.items[0], plan.plan).counts;
    expect(counts.R3).toEqual({ achieved: 0, evaluated: 0, missing: 0, status: 'notEvaluated', display: null });
    expect(counts.R2.display).toBeNull();
    expect(counts.R2.missing).toBe(1);
  });

  test('no achievements among evaluated KPIs → 「0 / 2」 is fine (evaluated, none met)', () => {
    const plan = makePlan([
      { targets: { R2: 10 }, actuals: { R2: 5 } },
      { targets: { R2: 10 }, actuals: { R2: 9 } },
    ]);
    expect(evaluateItem(plan.items[0], plan.plan).counts.R2.display).toBe('0 / 2');
  });

  test('partial: x / y over the evaluated ones, missing actuals flagged', () => {
    const plan = makePlan([
      { targets: { R2: 10 }, actuals: { R2: 12 } },
      { targets: { R2: 10 }, actuals: { R2: 9 } },
      { targets: { R2: 10 } },
      { direction: 'qualitative', targets: { R2: '公表' } },
    ]);
    const c = evaluateItem(plan.items[0], plan.plan).counts.R2;
    expect(c).toEqual({ achieved: 1, evaluated: 2, missing: 2, status: 'partial', display: '1 / 2' });
  });

  test('reference indicators never count', () => {
    const base = [{ targets: { R2: 10 }, actuals: { R2: 12 } }];
    const withRef = makePlan(base, {
      referenceIndicators: [
        { name: '電子申請受付システム利用件数', unit: '件', actuals: { R2: 21001, R3: 30000 } },
        { name: '県税収入未済額', unit: '百万円', actuals: { R2: 2973 } },
      ],
    });
    const result = evaluateItem(withRef.items[0], withRef.plan);
    expect(result.kpis).toHaveLength(1);
    expect(result.counts.R2).toEqual({ achieved: 1, evaluated: 1, missing: 0, status: 'complete', display: '1 / 1' });
    expect(result.counts.R3.display).toBeNull();
    expect(result.counts.R3.missing).toBe(0);
  });

  test('countYear on raw results', () => {
    const r = (achieved: boolean | null, status: KpiYearResult['status']): KpiYearResult => ({
      target: 1,
      actual: 1,
      rate: null,
      display: null,
      achieved,
      status,
    });
    expect(countYear([])).toEqual({ achieved: 0, evaluated: 0, missing: 0, status: 'notEvaluated', display: null });
    expect(
      countYear([r(true, 'evaluated'), r(false, 'evaluated'), r(true, 'evaluated'), r(null, 'noActual'), r(null, 'excluded'), r(null, 'noTarget')]),
    ).toEqual({ achieved: 2, evaluated: 3, missing: 1, status: 'partial', display: '2 / 3' });
  });
});

describe('grading bands', () => {
  test('gradeOf: highest band whose minimum the raw rate meets', () => {
    expect(gradeOf(105, GRADING)).toBe('A');
    expect(gradeOf(100, GRADING)).toBe('A');
    expect(gradeOf(99.96, GRADING)).toBe('B');
    expect(gradeOf(80, GRADING)).toBe('B');
    expect(gradeOf(79.9, GRADING)).toBe('C');
    expect(gradeOf(0, GRADING)).toBe('C');
    expect(gradeOf(-5, GRADING)).toBeNull();
    expect(gradeOf(null, GRADING)).toBeNull();
    expect(gradeOf(105, undefined)).toBeNull();
    expect(gradeOf(105, [])).toBeNull();
    expect(gradeOf(85, [GRADING[2], GRADING[0], GRADING[1]])).toBe('B'); // order of bands does not matter
  });

  test('each evaluated year gets a grade; others none', () => {
    const plan = makePlan(
      [
        {
          targets: { R2: 10, R3: 96, R4: 14.1, R5: 10, R6: 0 },
          actuals: { R2: 10.5, R3: 95.8, R4: 8.3, R6: 3 },
        },
        { direction: 'qualitative', targets: { R2: '公表', R3: '公表' }, actuals: { R2: '達成', R3: '未達成' } },
      ],
      { grading: GRADING },
    );
    const [numeric, qualitative] = evaluateItem(plan.items[0], plan.plan).kpis;
    expect(numeric.years.R2.grade).toBe('A'); // 105%
    expect(numeric.years.R3.grade).toBe('B'); // 99.8%: a miss, not A
    expect(numeric.years.R4.grade).toBe('C'); // 59%
    expect(numeric.years.R5.grade).toBeUndefined(); // no actual
    expect(numeric.years.R6.grade).toBeUndefined(); // 「－」: no percent
    expect(qualitative.years.R2.grade).toBe('A');
    expect(qualitative.years.R3.grade).toBe('C');
  });

  test('no grading in the plan → no grade', () => {
    expect(single(10, 12).grade).toBeUndefined();
  });
});

describe('evaluateKpi / evaluatePlan', () => {
  test('every plan year is present, with the KPI identity', () => {
    const plan = makePlan([{ name: '行政手続電子化率', kgi: 1, targets: { R2: 14.1 }, actuals: { R2: 8.3 } }]);
    const k = evaluateKpi(plan.items[0].kpis[0], plan.plan);
    expect(k).toMatchObject({ no: 1, name: '行政手続電子化率', direction: 'higher', kgi: 1 });
    expect(Object.keys(k.years)).toEqual(YEARS);
    expect(k.years.R3.status).toBe('noTarget');
    expect(evaluateKpi(makePlan([{}]).items[0].kpis[0], plan.plan).kgi).toBeNull();
  });

  test('evaluatePlan evaluates every item, in order', () => {
    const plan = Plan.parse({
      version: 1,
      plan: { id: 'p', title: 'p', baseYear: 'R1', years: ['R2'] },
      items: ['a', 'b'].map((id, i) => ({
        id,
        goal: { no: 1, name: 'g' },
        reform: { no: 1, name: 'r' },
        no: i + 1,
        title: id,
        kpis: [{ no: 1, name: 'k', direction: 'higher', targets: { R2: 10 }, actuals: { R2: i === 0 ? 10 : 5 } }],
      })),
    });
    const result = evaluatePlan(plan);
    expect(result.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(result.items.map((i) => i.counts.R2.display)).toEqual(['1 / 1', '0 / 1']);
  });
});
