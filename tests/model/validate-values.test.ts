// validate accepts exactly what the engine accepts (issue 9, point 8): the engine's parsers run over every
// actual, target and baseline; every problem is listed, wrong types are told as such, output is bounded.
import { Plan } from '../../src/model/plan';
import { MAX_PROBLEMS } from '../../src/model/validate';
import { evaluateKpiYear } from '../../src/rules/evaluate';
import { itemInput, kpiInput, pathsOf, planInput, problemsOf, type Json } from './fixture';

const withKpi = (extra: Json) => planInput({ items: [itemInput({ kpis: [kpiInput(extra)] })] });

describe('figures the engine cannot evaluate are refused at their path', () => {
  test.each(['abc', '28.3％', '1,266件'])('a text actual %s: invalid to the engine and to validate alike', (actual) => {
    const plan = withKpi({ actuals: { R2: actual } });
    const engine = evaluateKpiYear(Plan.parse(plan).items[0].kpis[0], 'R2', Plan.parse(plan).plan);
    expect(engine.status).toBe('invalid');
    const problems = problemsOf(plan);
    expect(problems).toEqual([{ path: '$.items[0].kpis[0].actuals.R2', ...engine.problems![0] }]);
  });

  test('what the engine reads is accepted: numbers, 「－」, 達成 on a qualitative KPI', () => {
    expect(problemsOf(withKpi({ actuals: { R2: 28.3, R3: '－' } }))).toEqual([]);
    const qualitative = { direction: 'qualitative', targets: { R2: '期間内' }, actuals: { R2: '達成' }, baseline: null };
    expect(problemsOf(withKpi(qualitative))).toEqual([]);
  });

  test('a negative target on a ratio KPI (a −36691400% rate) is refused', () => {
    const [p, ...rest] = problemsOf(withKpi({ targets: { R2: -0.5 }, actuals: { R2: 183457 } }));
    expect(rest).toEqual([]);
    expect(p.path).toBe('$.items[0].kpis[0].targets.R2');
    expect(p.en).toContain('negative');
  });

  test('a negative target written as text is read as the engine reads it, and refused', () => {
    expect(pathsOf(withKpi({ targets: { R2: '▲5件以上' } }))).toEqual(['$.items[0].kpis[0].targets.R2']);
  });

  test('a negative actual is evaluated by the engine, so accepted (資金不足比率 uses the margin formula)', () => {
    const deficit = { direction: 'lower', rateFormula: 'margin', targets: { R2: '20％未満' }, actuals: { R2: -475.2 } };
    expect(pathsOf(withKpi(deficit))).toEqual([]);
  });

  test('a baseline a first-year 前年度以上 must compare with is a number', () => {
    const relative = { targets: { R2: { relative: 'previousActual', label: '前年度以上' } } };
    expect(pathsOf(withKpi({ ...relative, baseline: 'hello' }))).toEqual(['$.items[0].kpis[0].baseline']);
    expect(pathsOf(withKpi({ ...relative, baseline: 27.4 }))).toEqual([]);
    // Words as ＜現状＞ (Saitama 「システム構築」) stay, when no target depends on them.
    expect(pathsOf(withKpi({ baseline: 'システム構築' }))).toEqual([]);
  });

  test('a baseline typed as a number in text is refused like an actual', () => {
    expect(pathsOf(withKpi({ baseline: '7.0％' }))).toEqual(['$.items[0].kpis[0].baseline']);
  });

  test('magnitudes beyond ±10^15 are refused: 1e308 would make Infinity in the sheet', () => {
    const [p] = problemsOf(withKpi({ actuals: { R2: 1e308 } }));
    expect(p.path).toBe('$.items[0].kpis[0].actuals.R2');
    expect(p.en).toContain('±10^15');
    expect(pathsOf(withKpi({ targets: { R2: '100000000000000000000件' } }))).toEqual(['$.items[0].kpis[0].targets.R2']);
  });

  test('a rate that overflows is refused (1e15 against 1e-300)', () => {
    const [p] = problemsOf(withKpi({ targets: { R2: 1e-300 }, actuals: { R2: 1e15 } }));
    expect(p.path).toBe('$.items[0].kpis[0].targets.R2');
    expect(p.en).toContain('overflows');
  });
});

describe('every problem, once, in words that fit', () => {
  test('schema problems in one item do not hide the checks of the others (7 of 7 listed)', () => {
    const items = [
      itemInput({ id: 'a', title: '' }),
      itemInput({ id: 'b', kpis: [kpiInput({ direction: 'up' }), kpiInput({ no: 2, actuals: { R2: 'abc' } })] }),
      itemInput({ id: 'a', kpis: [kpiInput({ targets: { R2: -1 } }), kpiInput({ no: 1 })] }),
      itemInput({ id: 'c', evaluations: { R9: {} }, kpis: [kpiInput({ actuals: { R3: '12件' } })] }),
    ];
    expect(pathsOf(planInput({ items }))).toEqual([
      '$.items[0].title',
      '$.items[1].kpis[0].direction',
      '$.items[2].id',
      '$.items[2].kpis[1].no',
      '$.items[2].kpis[0].targets.R2',
      '$.items[3].evaluations.R9',
      '$.items[3].kpis[0].actuals.R3',
    ]);
  });

  test('a wrong type is "wrong type", not "missing"; an absent field is "missing"', () => {
    const [wrong] = problemsOf(withKpi({ name: 5 }));
    expect(wrong).toMatchObject({ path: '$.items[0].kpis[0].name', en: 'wrong type: expected string, got number' });
    expect(wrong.ja).toContain('数値が書かれています');
    const kpi = kpiInput();
    delete kpi.name;
    const [missing] = problemsOf(planInput({ items: [itemInput({ kpis: [kpi] })] }));
    expect(missing).toMatchObject({ path: '$.items[0].kpis[0].name', en: 'required string is missing' });
  });

  test('a wrong type inside a union says what it got', () => {
    const [p] = problemsOf(withKpi({ targets: { R2: true } }));
    expect(p.path).toBe('$.items[0].kpis[0].targets.R2');
    expect(p.en).toMatch(/^wrong type: .* got boolean$/);
  });

  test(`output is bounded: the first ${MAX_PROBLEMS} problems and how many more`, () => {
    const kpis = Array.from({ length: 20 }, (_, k) => kpiInput({ no: k + 1, actuals: { R2: 'abc' } }));
    const items = Array.from({ length: 25 }, (_, i) => itemInput({ id: `i${i}`, kpis }));
    const problems = problemsOf(planInput({ items }));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS - 1].path).toBe('$.items[9].kpis[19].actuals.R2');
    const more = 500 - MAX_PROBLEMS;
    expect(problems[MAX_PROBLEMS].en).toBe(`and ${more} more problem(s) (the first ${MAX_PROBLEMS} are listed)`);
  });

  test('50,000 invalid KPIs do not overflow the stack', () => {
    // Six issues each: 300,000 in all, which zod's own gathering of one array cannot hold.
    const broken = { no: 0, name: '', direction: 'up', targets: { R02: 'a', X: 1 }, foo: 1 };
    const kpis = Array.from({ length: 50000 }, () => ({ ...broken }));
    const parsed = (() => {
      try {
        return problemsOf(planInput({ items: [itemInput({ kpis })] }));
      } catch (e) {
        return e;
      }
    })();
    expect(parsed).toHaveLength(MAX_PROBLEMS + 1);
  });
});

test('a related KPI beyond ⑳ is refused: the sheet prints (21), which does not read back', () => {
  const plan = planInput({ items: [itemInput({ schedule: [{ task: '調査', relatedKpis: [1, 21] }] })] });
  const [p, ...rest] = problemsOf(plan);
  expect(rest).toEqual([]);
  expect(p).toMatchObject({ path: '$.items[0].schedule[0].relatedKpis[1]' });
  expect(p.en).toBe('a related KPI is numbered 1 to 20 (① to ⑳)');
});
