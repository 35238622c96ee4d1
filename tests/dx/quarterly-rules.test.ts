// rules/quarterly.ts on cases the seed does not have: zero targets, strict and relative targets, a
// lower-is-better per-quarter total, declared decimals, blanks versus dashes. The same KPIs go through
// LibreOffice in recalc-roundtrip.test.ts (syntheticPlan).
import { Kpi, type Plan } from '../../src/model/plan';
import { effectiveActuals, quarterProgress, yearFigureFromQuarters } from '../../src/rules/quarterly';
import { evaluateKpiYear } from '../../src/rules/evaluate';
import { syntheticPlan } from './support';

const plan: Plan = syntheticPlan();
const kpi = (no: number) => plan.items[0].kpis.find((k) => k.no === no)!;
const p = (no: number, year: string, q: 1 | 2 | 3 | 4) => quarterProgress(kpi(no), year, q, plan.plan);

test('zero target: 0 against 0 is 100% on track; 3 against 0 has no percent (「－」) and is on track by the comparison', () => {
  expect(p(1, 'R3', 1)).toMatchObject({ value: 0, target: 0, rate: 100, display: '100%', onTrack: true });
  expect(p(1, 'R3', 2)).toMatchObject({ value: 3, target: 0, rate: null, display: '－', onTrack: true });
});

test('a lower-is-better per-quarter total is summed and compared pro rata', () => {
  // 10 + 12 + 9 = 31 after Q3 against 40 × 3/4 = 30
  expect(p(2, 'R3', 3)).toMatchObject({ value: 31, target: 30, display: '97%', onTrack: false });
  expect(p(2, 'R3', 4)).toMatchObject({ value: 31, target: 40, display: '129%', onTrack: true }); // Q4 「－」 adds nothing
  expect(yearFigureFromQuarters(kpi(2), 'R3')).toBe(31);
});

test('a relative target (前年度以上) is the previous year\'s figure from the quarters', () => {
  expect(p(3, 'R4', 2)).toMatchObject({ value: 50, target: 48, display: '104%', onTrack: true });
  expect(evaluateKpiYear({ ...kpi(3), actuals: effectiveActuals(kpi(3), plan.plan.years) }, 'R4', plan.plan).target).toBe(48);
});

test('strict (未満): the target itself is not on track; declared decimals show', () => {
  // Exactly 100 but not on track (未満): a miss never reads 100% (rules/rate.ts displayRate).
  expect(p(4, 'R3', 1)).toMatchObject({ value: 5, target: 5, onTrack: false, display: '99.9%' });
  expect(p(4, 'R3', 2)).toMatchObject({ value: 4.6, display: '108.7%', onTrack: true }); // inverse: 5 / 4.6
});

test('blank is not reported; a dash reports no value; text in a number cell is no value either', () => {
  expect(p(5, 'R3', 1).status).toBe('notReported');
  expect(p(5, 'R3', 2).status).toBe('noValue');
  expect(p(5, 'R3', 3).status).toBe('noValue');
  expect(p(5, 'R3', 4)).toMatchObject({ value: 7, display: '70%' });
});

test('the synthetic plan is a valid plan v1', () => {
  for (const k of plan.items[0].kpis) expect(Kpi.safeParse(k).success).toBe(true);
});
