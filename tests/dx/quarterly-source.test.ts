// The DX plan's quarterly progress reproduces the source's numbers (seed 004): each expected percent below is
// worked out by hand from the figures the source prints (quoted with their line), then rounded as Excel's
// ROUND does (half away from zero). Covers every aggregation: level, cumulative within the year, cumulative
// since R3, per quarter, the pro-rata yearly ceilings, text phases and deleted indicators.
import { evaluateKpiYear } from '../../src/rules/evaluate';
import { effectiveActuals, quarterProgress, yearFigureFromQuarters, type Quarter } from '../../src/rules/quarterly';
import type { Kpi, Plan } from '../../src/model/plan';
import { dxPlan, itemOf, kpiOf } from './support';

let plan: Plan;
beforeAll(async () => {
  plan = await dxPlan();
});

const progress = (id: string, printed: number, year: string, q: Quarter, deleted = false) => quarterProgress(kpiOf(plan, id, printed, deleted), year, q, plan.plan);

/** Excel's ROUND(x, 0) for the positive percents below, worked from the source's own figures. */
const pct = (x: number) => `${Math.round(x)}%`;

describe('level: the quarter against the year\'s target', () => {
  test('(1) ① 行政手続電子化率 R3 3四半期: 13.5% against 32.1% (line 71)', () => {
    const p = progress('1-1-1', 1, 'R3', 3);
    expect(p.value).toBe(13.5);
    expect(p.target).toBe(32.1);
    expect(p.rate).toBeCloseTo((13.5 / 32.1) * 100, 10); // 42.056…
    expect(p.display).toBe('42%');
    expect(p.onTrack).toBe(false);
  });

  test('(1) ① R4 4四半期: 84.1% against 65.6% → 128%, on track; the year evaluates the same', () => {
    expect(progress('1-1-1', 1, 'R4', 4)).toMatchObject({ value: 84.1, target: 65.6, display: pct((84.1 / 65.6) * 100), onTrack: true });
    const kpi = kpiOf(plan, '1-1-1', 1);
    expect(evaluateKpiYear(kpi, 'R4', plan.plan).display).toBe('128%');
  });

  test('(13) ③ 標的型攻撃メール訓練参加率 R4 2四半期: 99.9% against 100% shows 99.9%, never 100% (line 448)', () => {
    expect(progress('2-6-13', 3, 'R4', 2)).toMatchObject({ value: 99.9, display: '99.9%', onTrack: false });
  });

  test('(13) ③ R4 4四半期 is 「—」: no progress that quarter; the year\'s figure is Q3 97.6 (seed 001 prints 99.9)', () => {
    expect(progress('2-6-13', 3, 'R4', 4)).toMatchObject({ value: null, display: null, status: 'noValue' });
    const kpi = kpiOf(plan, '2-6-13', 3);
    expect(yearFigureFromQuarters(kpi, 'R4')).toBe(97.6);
    expect(kpi.actuals.R4).toBe(97.6);
    expect(evaluateKpiYear(kpi, 'R4', plan.plan).display).toBe(pct(97.6));
  });

  test('(13) ① ICT人材登用数: — in Q1–Q3, the year reported in Q4 (R3 2人 of 2, R4 1人 of 2)', () => {
    expect(progress('2-6-13', 1, 'R3', 1).status).toBe('noValue');
    expect(progress('2-6-13', 1, 'R3', 4)).toMatchObject({ value: 2, display: '100%', onTrack: true });
    expect(progress('2-6-13', 1, 'R4', 4)).toMatchObject({ value: 1, display: '50%', onTrack: false });
  });

  test('(2) ② キャッシュレス決済比率 R5 3四半期: 31.0% against 20% (line 109)', () => {
    expect(progress('1-1-2', 2, 'R5', 3)).toMatchObject({ value: 31, target: 20, display: pct((31 / 20) * 100), onTrack: true });
  });

  test('(17) ① テレワーク週平均取得日数 R5 3四半期: 0.16日 against 2.0日 (line 500)', () => {
    expect(progress('2-8-17', 1, 'R5', 3)).toMatchObject({ value: 0.16, target: 2, display: pct((0.16 / 2) * 100) });
  });

  test('R5 4四半期 is not reported anywhere (the file is a snapshot at R5 Q3): no progress', () => {
    for (const item of plan.items)
      for (const kpi of item.kpis) if (!kpi.deleted) expect(quarterProgress(kpi, 'R5', 4, plan.plan)).toMatchObject({ value: null, rate: null, display: null });
  });
});

describe('cumulativeWithinYear: the running total since April against the year\'s target', () => {
  test('(1) ② 電子化数 R3 3四半期 714件 of 600件, R4 1四半期 467件 of 750件 (line 72)', () => {
    expect(progress('1-1-1', 2, 'R3', 3)).toMatchObject({ value: 714, target: 600, display: pct((714 / 600) * 100), onTrack: true });
    expect(progress('1-1-1', 2, 'R4', 1)).toMatchObject({ value: 467, target: 750, display: pct((467 / 750) * 100), onTrack: false });
  });

  test('(7) ① tsulunos R5 3四半期: 20,074,375回 against 15,000,000回 (line 281)', () => {
    expect(progress('1-2-7', 1, 'R5', 3)).toMatchObject({ value: 20074375, target: 15000000, display: pct((20074375 / 15000000) * 100) });
  });

  test('(11) (②) ウェブ会議開催数 R4 4四半期: 10,194 / 1,200 prints 850% (849.4999… in binary, line 369)', () => {
    expect(progress('2-6-11', 2, 'R4', 4, true)).toMatchObject({ value: 10194, target: 1200, display: '850%' });
  });

  test('(11) ③ AI等導入 R5 2四半期: 7,366時間 against 5,300時間 (line 371)', () => {
    expect(progress('2-6-11', 3, 'R5', 2)).toMatchObject({ value: 7366, display: pct((7366 / 5300) * 100) });
  });
});

describe('cumulativeSinceStart: running totals since R3 against cumulative targets', () => {
  test('(4) ② 標準処理期間見直し: 27件 against 8 / 16 / 24件 (line 184) — 337.5 rounds half away from zero', () => {
    expect(progress('1-1-4', 2, 'R3', 4)).toMatchObject({ value: 27, target: 8, display: '338%' });
    expect(progress('1-1-4', 2, 'R4', 1)).toMatchObject({ value: 27, target: 16, display: '169%' }); // 168.75
    expect(progress('1-1-4', 2, 'R5', 3)).toMatchObject({ value: 27, target: 24, display: '113%' }); // 112.5
    expect(progress('1-1-4', 2, 'R3', 1).status).toBe('noValue'); // 「-」
  });

  test('(6) ① プロジェクト件数(延べ数): R4 4四半期 28 of 20, R5 3四半期 36 of 30 (line 245)', () => {
    expect(progress('1-1-6', 1, 'R4', 4)).toMatchObject({ value: 28, target: 20, display: pct((28 / 20) * 100) });
    expect(progress('1-1-6', 1, 'R5', 3)).toMatchObject({ value: 36, target: 30, display: pct((36 / 30) * 100) });
  });
});

describe('perQuarter: the sum of the quarters so far', () => {
  test('(3) (②) 県民向けICT入門講座 R3: -, -, 12回, - against 6回 (line 146)', () => {
    expect(progress('1-1-3', 2, 'R3', 1, true)).toMatchObject({ value: null, display: null, status: 'noValue' });
    expect(progress('1-1-3', 2, 'R3', 3, true)).toMatchObject({ value: 12, target: 6, display: '200%' });
    expect(progress('1-1-3', 2, 'R3', 4, true)).toMatchObject({ value: 12, display: '200%' }); // 「-」 adds nothing
    expect(progress('1-1-3', 2, 'R4', 3, true)).toMatchObject({ value: 6, display: '100%', onTrack: true });
    expect(kpiOf(plan, '1-1-3', 2, true).actuals).toEqual({ R3: 12, R4: 6 }); // as seed 001 prints
  });

  test('(4) (①) 規制緩和実施数 R3 1, 0, 0, 1 and R4 0, 0, 1, 0 against 1件 (line 182)', () => {
    const sums = [1, 2, 3, 4].map((q) => progress('1-1-4', 1, 'R3', q as Quarter, true).value);
    expect(sums).toEqual([1, 1, 1, 2]);
    expect(progress('1-1-4', 1, 'R3', 4, true).display).toBe('200%');
    expect(progress('1-1-4', 1, 'R4', 1, true)).toMatchObject({ value: 0, display: '0%', onTrack: false });
    expect(progress('1-1-4', 1, 'R4', 3, true)).toMatchObject({ value: 1, display: '100%', onTrack: true });
  });
});

describe('lower is better: a yearly ceiling compared pro rata (target × q / 4)', () => {
  test('(11) ② 内線電話の回数 R5: 16, 29, 43万回 against 60万回 (line 370)', () => {
    const q1 = progress('2-6-11', 2, 'R5', 1);
    expect(q1).toMatchObject({ value: 16, target: 15, display: pct((15 / 16) * 100), onTrack: false }); // 93.75
    expect(progress('2-6-11', 2, 'R5', 2)).toMatchObject({ value: 29, target: 30, display: pct((30 / 29) * 100), onTrack: true });
    const q3 = progress('2-6-11', 2, 'R5', 3);
    expect(q3.target).toBe((60 * 3) / 4); // 45万回
    expect(q3).toMatchObject({ value: 43, display: pct((45 / 43) * 100), onTrack: true }); // 104.65… → 105%
  });

  test('(17) ④ 紙の使用量 R5 3四半期: 1112万枚 against 2270 × 3/4 = 1702.5万枚 (line 503)', () => {
    expect(progress('2-8-17', 4, 'R5', 3)).toMatchObject({ value: 1112, target: 1702.5, display: pct((1702.5 / 1112) * 100), onTrack: true });
  });
});

describe('text phases, deleted indicators, missing targets', () => {
  test('(4) ① 「アナログ規制の見直し」作業フェーズ: the phase text, judged by a person (line 183)', () => {
    const p = progress('1-1-4', 1, 'R5', 1);
    expect(p).toMatchObject({ value: '各課への調査実施', target: '対象規制の洗い出し、類型・フェーズ(現状)の確認の実施', rate: null, display: null, onTrack: null, status: 'judged' });
    expect(progress('1-1-4', 1, 'R3', 2).status).toBe('noValue'); // 「-」
  });

  test('deleted indicators are excluded from the year they are deleted in, with their reason kept', () => {
    for (const [id, printed, reason] of [
      ['1-1-3', 2, '目標達成のため削除'],
      ['1-1-4', 1, '指標項目変更のため削除'],
      ['2-6-11', 2, '目標達成のため削除'],
    ] as const) {
      const kpi = kpiOf(plan, id, printed, true);
      expect(kpi.deleted).toEqual({ from: 'R5', reason });
      expect(quarterProgress(kpi, 'R5', 1, plan.plan).status).toBe('excluded');
      expect(evaluateKpiYear(kpi, 'R5', plan.plan).status).toBe('excluded');
    }
  });

  test('(11) ② 内線電話 R3: no target (「—」), nothing to compare', () => {
    expect(progress('2-6-11', 2, 'R3', 4).status).toBe('noValue');
    expect(progress('2-6-11', 2, 'R3', 4).target).toBeNull();
  });
});

describe('the plan file', () => {
  test('every yearly actual is the year\'s figure from the quarters (Q4, the sum, or the latest when Q4 is 「—」)', () => {
    for (const item of plan.items)
      for (const kpi of item.kpis) {
        if (kpi.direction === 'qualitative') continue;
        expect({ id: item.id, no: kpi.no, actuals: kpi.actuals }).toEqual({ id: item.id, no: kpi.no, actuals: effectiveActuals(kpi as Kpi, plan.plan.years) });
      }
  });

  test('the 13 実施項目 of the index with their 大綱 numbers, 32 indicators, 3 deleted, 1 text phase', () => {
    expect(plan.items.map((it) => `(${it.no})`).join('')).toBe('(1)(2)(3)(4)(5)(6)(7)(10)(11)(12)(13)(14)(17)');
    expect(plan.items.map((it) => it.id)).toContain('2-8-17');
    const kpis = plan.items.flatMap((it) => it.kpis);
    expect(kpis).toHaveLength(32);
    expect(kpis.filter((k) => k.deleted)).toHaveLength(3);
    expect(kpis.filter((k) => k.direction === 'qualitative')).toHaveLength(1);
    expect(kpis.filter((k) => k.direction === 'lower').map((k) => k.name)).toEqual(['内線電話の回数', '紙の使用量']);
    expect(itemOf(plan, '2-6-14').kpis).toEqual([]); // listed in the index, no sheet in the source
  });

  test('Q4 actuals agree with seed 001\'s yearly 実績 where the spec says they do', () => {
    expect(kpiOf(plan, '1-1-1', 1).actuals).toEqual({ R3: 28.3, R4: 84.1 });
    expect(kpiOf(plan, '2-6-11', 3).actuals).toEqual({ R3: 9201, R4: 14452 });
    expect(kpiOf(plan, '2-6-11', 2, true).actuals).toEqual({ R3: 2523, R4: 10194 });
    expect(kpiOf(plan, '2-8-17', 3).finalTarget).toEqual({ year: 'R4', value: 9, note: '※R4年度目標' });
  });
});
