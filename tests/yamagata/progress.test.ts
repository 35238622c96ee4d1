// The Yamagata seed and the progress rules: the seed validates and holds what seed 002 prints, and the
// progress figures equal hand computations from the source (SOURCE-LAYOUTS.md §5).
import { Plan, type Kpi, type PlanHeader } from '../../src/model/plan';
import { parsePlan } from '../../src/model/validate';
import { elapsedFor, progressOf } from '../../src/rules/progress';
import { evaluatePlan } from '../../src/rules/evaluate';
import { loadSeed, YAMAGATA } from './support';

let plan: Plan;
beforeAll(async () => {
  plan = await loadSeed(YAMAGATA);
});

const kpi = (itemId: string, no = 1): Kpi => plan.items.find((it) => it.id === itemId)!.kpis.find((k) => k.no === no)!;

describe('the Yamagata seed (002)', () => {
  test('validates, with three goals and every numbered 取組 as an item', () => {
    expect(parsePlan(JSON.parse(JSON.stringify(plan))).ok).toBe(true);
    expect(plan.plan.layout).toBe('yamagata-summary');
    expect(plan.goals!.map((g) => [g.no, g.policies.length])).toEqual([
      [1, 6],
      [2, 7],
      [3, 4],
    ]);
    expect(plan.goals![0].subtitle).toBe('Society5.0 時代にふさわしいデジタル化の推進');
    expect(plan.items).toHaveLength(17);
    // Every item has its R4 bullets; R5 plan bullets where the source lists the 取組 (1,3,4 | 1,3,5 | 1,2,4).
    expect(plan.items.every((it) => (it.highlights?.R4?.length ?? 0) > 0)).toBe(true);
    expect(plan.items.filter((it) => it.highlights?.R5).map((it) => it.id)).toEqual(['Y1-1', 'Y1-3', 'Y1-4', 'Y2-1', 'Y2-3', 'Y2-5', 'Y3-1', 'Y3-2', 'Y3-4']);
    expect(plan.items.find((it) => it.id === 'Y1-2')!.highlights!.R4).toEqual(['若者や高齢者等、幅広い県民各層との対話を推進', '・知事と若者の地域創生ミーティング：10市町村', '・知恵袋委員会：4地域']);
  });

  test('the seven 主な目標指標 with baseline year, final target (R7 for one), period totals and the R4 actual', () => {
    const all = plan.items.flatMap((it) => it.kpis.map((k) => [it.id, k.name, k.baseline, k.baselineYear ?? null, k.finalTarget?.value, k.finalTarget?.year, k.periodTarget?.raw ?? null, k.actuals.R4, k.unit]));
    expect(all).toEqual([
      ['Y1-1', 'オンラインで利用できる県独自の行政手続の割合', 1.5, 'R2', 100, 'R6', null, 71.5, '%'],
      ['Y1-6', '防災士の認証登録者数', 1619, 'R1', 2400, 'R6', null, 2233, '人'],
      ['Y2-2', '事務事業の見直し・改善(経費削減額)', '—', null, 120, 'R6', '120億円 (R3~R6年度累計)', 75.6, '億円'],
      ['Y2-2', '事務事業の見直し・改善(削減事務量)', '—', null, 8, 'R6', '8万時間 (R3~R6年度累計)', 7.3, '万時間'],
      ['Y3-2', 'Web会議の年間開催回数', 319, 'R1', 2000, 'R6', null, 8526, '回'],
      ['Y3-3', '男性職員の育休休業取得率(知事部局)', 16.7, 'R1', 100, 'R7', null, 86.3, '%'],
      ['Y3-4', 'A I会議録作成支援システム活用数', 0, 'R1', 240, 'R6', null, 705, '回'],
    ]);
    expect(kpi('Y2-2').periodTarget).toEqual({ from: 'R3', to: 'R6', kind: 'total', value: 120, raw: '120億円 (R3~R6年度累計)' });
    for (const it of plan.items) for (const k of it.kpis) expect(k.notes).toMatch(/取組\d/);
  });

  test('evaluate runs on it (no yearly targets in the source: every year is 「no target」)', () => {
    const result = evaluatePlan(plan);
    expect(result.items).toHaveLength(17);
    expect(result.items[0].kpis[0].years.R4.status).toBe('noTarget');
  });
});

describe('progress against the final target (hand computations from seed 002)', () => {
  test('71.5 / 100: 進捗率 71.5 → 72%; from the base 1.5 (R2): 70 / 98.5 → 71%', () => {
    const p = progressOf(kpi('Y1-1'), plan.plan);
    expect(p.latestYear).toBe('R4');
    expect(p.rate).toBeCloseTo(71.5, 12);
    expect(p.display).toBe('72%');
    expect(p.fromBase).toBeCloseTo((70 / 98.5) * 100, 10);
    expect(p.fromBaseDisplay).toBe('71%');
    expect(p.flags).toEqual([]);
  });

  test('75.6 / 120 億円 (R3~R6累計) after two of four years: 63% reached, 2/4年 spent, 126% of the pace', () => {
    const p = progressOf(kpi('Y2-2', 1), plan.plan);
    expect(p.rate).toBeCloseTo(63, 12);
    expect(p.display).toBe('63%');
    expect([p.elapsed, p.span, p.elapsedDisplay]).toEqual([2, 4, '2/4年']);
    expect(p.pace).toBeCloseTo((75.6 / (120 * 0.5)) * 100, 10);
    expect(p.paceDisplay).toBe('126%');
    // No baseline (「—」): nothing to measure from.
    expect(p.fromBase).toBeNull();
    expect(p.fromBaseDisplay).toBe('－');
    expect(p.flags.map((f) => f.code)).toEqual(['periodTotal']);
  });

  test('7.3 / 8 万時間 累計: 91.25 → 91%, pace 182.5 → 183% (half away from zero)', () => {
    const p = progressOf(kpi('Y2-2', 2), plan.plan);
    expect(p.display).toBe('91%');
    expect(p.pace).toBeCloseTo(182.5, 10);
    expect(p.paceDisplay).toBe('183%');
  });

  test('86.3 against 100%(R7): compared as an R7 target and flagged as outside the plan R3–R6', () => {
    const k = kpi('Y3-3');
    const p = progressOf(k, plan.plan);
    expect(p.targetYear).toBe('R7');
    expect(p.rate).toBeCloseTo(86.3, 12);
    expect(p.display).toBe('86%');
    expect(p.fromBase).toBeCloseTo((69.6 / 83.3) * 100, 10);
    expect(p.fromBaseDisplay).toBe('84%');
    // R1 → R7 is six years, three of them spent by R4 (an R6 target would say 3/5).
    expect(p.elapsedDisplay).toBe('3/6年');
    expect(elapsedFor({ ...k, finalTarget: { year: 'R6', value: 100 } }, plan.plan, 'R4')).toEqual({ elapsed: 3, span: 5 });
    expect(p.pace).toBeCloseTo(((69.6 / 83.3) * 100) / 0.5, 9);
    expect(p.flags).toEqual([{ code: 'targetOutsidePlan', ja: '目標はR7の値（計画期間R3～R6外）', en: "the target is set for R7, outside the plan's years R3–R6" }]);
  });

  test('the other indicators: 2,233 / 2,400 人 → 93%; 8,526 / 2,000 回 → 426%; 705 / 240 回 from 0 → 294%', () => {
    expect(progressOf(kpi('Y1-6'), plan.plan).display).toBe('93%');
    expect(progressOf(kpi('Y1-6'), plan.plan).fromBaseDisplay).toBe('79%'); // 614 / 781
    expect(progressOf(kpi('Y3-2'), plan.plan).display).toBe('426%');
    expect(progressOf(kpi('Y3-4'), plan.plan).display).toBe('294%');
    expect(progressOf(kpi('Y3-4'), plan.plan).fromBaseDisplay).toBe('294%');
  });
});

describe('progress rules', () => {
  const header: PlanHeader = { id: 'p', title: 't', prefecture: '', baseYear: 'R2', years: ['R3', 'R4', 'R5', 'R6'] };
  const base: Kpi = { no: 1, name: 'x', unit: '', direction: 'higher', baseline: 10, baselineYear: 'R2', targets: {}, actuals: {}, finalTarget: { year: 'R6', value: 50 } };

  test('the latest numeric actual counts; a dash or text does not', () => {
    const p = progressOf({ ...base, actuals: { R3: 20, R4: 30, R5: '－' } }, header);
    expect([p.latestYear, p.actual, p.display]).toEqual(['R4', 30, '60%']);
  });

  test('no actual: blank; no target: blank, but the years spent still show', () => {
    expect(progressOf(base, header)).toMatchObject({ status: 'noActual', display: null, elapsedDisplay: null });
    const p = progressOf({ ...base, finalTarget: undefined, actuals: { R3: 5 } }, header);
    expect(p).toMatchObject({ status: 'noTarget', display: null, elapsedDisplay: '1/4年' });
  });

  test('a miss just under 100 never reads 100%; target = base gives 「－」 from the base', () => {
    const p = progressOf({ ...base, baseline: 50, actuals: { R6: 49.8 } }, header);
    expect(p.display).toBe('99.6%');
    expect(p.fromBaseDisplay).toBe('－');
  });

  test('lower is better uses target / actual; from the base works in both directions', () => {
    const p = progressOf({ ...base, direction: 'lower', baseline: 100, finalTarget: { year: 'R6', value: 40 }, actuals: { R4: 70 } }, header);
    expect(p.rate).toBeCloseTo((40 / 70) * 100, 10);
    expect(p.fromBase).toBeCloseTo(50, 10);
  });

  test('a worded target is read as its number; a qualitative KPI has no progress', () => {
    expect(progressOf({ ...base, finalTarget: { year: 'R6', value: '75%以上' }, actuals: { R4: 60 } }, header).display).toBe('80%');
    expect(progressOf({ ...base, direction: 'qualitative', actuals: { R4: '達成' } }, header).status).toBe('qualitative');
  });

  test('a target for a year inside the plan but not its last is flagged too', () => {
    expect(progressOf({ ...base, finalTarget: { year: 'R5', value: 50 } }, header).flags.map((f) => f.code)).toEqual(['targetOtherYear']);
  });
});
