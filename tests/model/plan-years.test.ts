// Canonical plan years (issue 9, point 5): one spelling per year, consecutive years in order after the base
// year, and every year used as a key one of the plan years.
import { itemInput, kpiInput, pathsOf, planInput, problemsOf } from './fixture';

describe('one spelling per fiscal year', () => {
  test('R02 next to R2 is refused with the form to write, so no year is dropped on export', () => {
    const problems = problemsOf(planInput({ header: { years: ['R02', 'R2', 'R3'] } }));
    expect(problems).toEqual([expect.objectContaining({ path: '$.plan.years[0]' })]);
    expect(problems[0].en).toContain('write it R2');
    expect(problems[0].ja).toContain('R2 と書いてください');
  });

  test('H31 is reported as the same year as R1 (FY2019)', () => {
    const [p] = problemsOf(planInput({ header: { baseYear: 'H30', years: ['H31', 'R2'] } }));
    expect(p.path).toBe('$.plan.years[0]');
    expect(p.en).toMatch(/FY2019: write it R1/);
  });

  test('R元 as a record key is refused with the hint R1, at the key', () => {
    const plan = planInput({ items: [itemInput({ kpis: [kpiInput({ targets: { R元: 5, R2: 6 } })] })] });
    const [p] = problemsOf(plan);
    expect(p.path).toBe('$.items[0].kpis[0].targets["R元"]');
    expect(p.en).toContain('write it R1');
  });

  test.each(['R0', 'H32', 'R100'])('%s is not a fiscal year', (year) => {
    const problems = problemsOf(planInput({ header: { baseYear: year } }));
    expect(problems.map((p) => p.path)).toEqual(['$.plan.baseYear']);
    expect(problems[0].en).toContain(`"${year}" is not a fiscal year`);
  });
});

describe('plan years are consecutive, oldest first, after the base year', () => {
  test('out of order: one problem naming both years', () => {
    const problems = problemsOf(planInput({ header: { years: ['R4', 'R2', 'R3'] } }));
    expect(problems.map((p) => p.path)).toEqual(['$.plan.years[1]']);
    expect(problems[0].en).toBe('years go oldest first: R2 comes after R4');
  });

  test('a gap names the missing years', () => {
    const [p, ...rest] = problemsOf(planInput({ header: { years: ['R2', 'R5'] } }));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path: '$.plan.years[1]' });
    expect(p.en).toContain('(R3・R4) are missing');
  });

  test('a duplicated year is one problem, not one per key that now seems outside the plan', () => {
    const targets = { R2: 1, R3: 2, R4: 3, R5: 4, R6: 5 };
    const kpis = Array.from({ length: 20 }, (_, k) => kpiInput({ no: k + 1, targets, actuals: targets }));
    const items = Array.from({ length: 10 }, (_, i) => itemInput({ id: `i${i}`, kpis }));
    const problems = problemsOf(planInput({ header: { years: ['R2', 'R3', 'R3', 'R4', 'R5'] }, items }));
    expect(problems).toEqual([
      { path: '$.plan.years[2]', ja: '年度 R3 が plan.years[1] と重複しています', en: 'year R3 repeats plan.years[1]' },
    ]);
  });

  test('the base year comes before the first plan year', () => {
    expect(pathsOf(planInput({ header: { baseYear: 'R2' } }))).toEqual(['$.plan.baseYear']);
    expect(pathsOf(planInput({ header: { baseYear: 'H30' } }))).toEqual([]);
  });
});

describe('years used as keys are plan years', () => {
  test('an evaluation in a year outside the plan is refused, not dropped on generate', () => {
    const plan = planInput({ items: [itemInput({ evaluations: { R3: { factors: 'a' }, R7: { factors: 'b' } } })] });
    const problems = problemsOf(plan);
    expect(problems.map((p) => p.path)).toEqual(['$.items[0].evaluations.R7']);
    expect(problems[0].en).toBe('year R7 is not one of the plan years (R2〜R4)');
  });

  test('the base year is called the base year (基準年), not a plan year, and its figure belongs in baseline', () => {
    const plan = planInput({ items: [itemInput({ kpis: [kpiInput({ actuals: { R1: 7, R2: 8 } })] })] });
    const [p, ...rest] = problemsOf(plan);
    expect(rest).toEqual([]);
    expect(p.path).toBe('$.items[0].kpis[0].actuals.R1');
    expect(p.ja).toContain('基準年');
    expect(p.en).toContain('R1 is the base year');
    expect(p.en).toContain('baseline');
  });

  test('deleted.from, schedule years and reference actuals are checked too', () => {
    const plan = planInput({
      items: [
        itemInput({
          kpis: [kpiInput({ deleted: { from: 'R5', reason: '削除' } })],
          schedule: [{ task: '調査', plan: { R2: [1], R6: [2] } }],
          referenceIndicators: [{ name: '件数', actuals: { H30: 3 } }],
        }),
      ],
    });
    expect(pathsOf(plan)).toEqual([
      '$.items[0].kpis[0].deleted.from',
      '$.items[0].referenceIndicators[0].actuals.H30',
      '$.items[0].schedule[0].plan.R6',
    ]);
  });
});
