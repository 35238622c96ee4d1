// Rollups of 達成件数 per plan / 目標 / 改革 / 所属 / ＫＧＩ, on a small 3-item plan with hand-computed sums.
import { Plan } from '../../src/model/plan';
import { evaluateItem, evaluatePlan } from '../../src/rules/evaluate';
import { rollup, splitDepts, type RollupRow, type RollupYear } from '../../src/rules/rollup';

// Item A (goal 1, reform 2, 業務プロセス改革課)
//   A1 kgi 1: R2 10 → 12 ✓            R3 10 → 8 ✗
//   A2 kgi 2: R2 10 → 5 ✗             R3 10, no actual (missing)
// Item B (goal 1, reform 12, 財政課、財産有効活用課)
//   B1 kgi 1: R2 100 → 100 ✓          R3 100 → 101 ✓
//   B2 —    : R2 qualitative 達成 ✓    R3 「1,266」 text (invalid → missing)
// Item C (goal 10, reform 3, 財政課)
//   C1 kgi 2 (lower): R2 「－」 → 5 (not counted)   R3 10 → 9 ✓
//   C2 kgi 3 (no KGI entry): R2 10, no actual (missing)   R3 deleted (excluded)
//   + a reference indicator with actuals (never counts)
//
// Item counts:      R2 (x/y, missing)   R3 (x/y, missing)
//   A                1/2, 0              0/1, 1
//   B                2/2, 0              1/1, 1
//   C                –/0, 1              1/1, 0
const plan = Plan.parse({
  version: 1,
  plan: { id: 'gunma-test', title: '群馬テスト計画', baseYear: 'R1', years: ['R2', 'R3'] },
  kgis: [
    { no: 1, name: 'デジタル化による県民利便性向上' },
    { no: 2, name: '持続可能な財政基盤' },
  ],
  items: [
    {
      id: 'A',
      goal: { no: 1, name: 'デジタル' },
      reform: { no: 2, name: '手続の電子化' },
      no: 1,
      title: '電子申請',
      leadDept: '業務プロセス改革課',
      kpis: [
        { no: 1, name: 'A1', kgi: 1, direction: 'higher', targets: { R2: 10, R3: 10 }, actuals: { R2: 12, R3: 8 } },
        { no: 2, name: 'A2', kgi: 2, direction: 'higher', targets: { R2: 10, R3: 10 }, actuals: { R2: 5 } },
      ],
    },
    {
      id: 'B',
      goal: { no: 1, name: 'デジタル' },
      reform: { no: 12, name: '財源確保' },
      no: 2,
      title: '自主財源',
      leadDept: '財政課、財産有効活用課',
      kpis: [
        { no: 1, name: 'B1', kgi: 1, direction: 'higher', targets: { R2: 100, R3: 100 }, actuals: { R2: 100, R3: 101 } },
        { no: 2, name: 'B2', direction: 'qualitative', targets: { R2: '公表', R3: '公表' }, actuals: { R2: '達成', R3: '1,266' } },
      ],
    },
    {
      id: 'C',
      goal: { no: 10, name: '財政' },
      reform: { no: 3, name: '税外債権' },
      no: 3,
      title: '収入未済額の圧縮',
      leadDept: '財政課',
      kpis: [
        { no: 1, name: 'C1', kgi: 2, direction: 'lower', targets: { R2: '－', R3: 10 }, actuals: { R2: 5, R3: 9 } },
        {
          no: 2,
          name: 'C2',
          kgi: 3,
          direction: 'higher',
          targets: { R2: 10, R3: 10 },
          actuals: { R3: 50 },
          deleted: { from: 'R3', reason: '指標項目変更のため削除' },
        },
      ],
      referenceIndicators: [{ name: '参考', unit: '件', actuals: { R2: 999, R3: 999 } }],
    },
  ],
});

const y = (achieved: number, evaluated: number, missing: number, rate: number | null): RollupYear => ({ achieved, evaluated, missing, rate });

const rows = rollup(plan, evaluatePlan(plan));
const row = (kind: RollupRow['kind'], key: string): RollupRow => {
  const found = rows.find((r) => r.kind === kind && r.key === key);
  if (!found) throw new Error(`no rollup row ${kind}:${key}; have ${rows.map((r) => `${r.kind}:${r.key}`).join(', ')}`);
  return found;
};

describe('item counts the rollups start from', () => {
  test.each<[number, string | null, number, string | null, number]>([
    [0, '1 / 2', 0, '0 / 1', 1],
    [1, '2 / 2', 0, '1 / 1', 1],
    [2, null, 1, '1 / 1', 0],
  ])('item %p', (index, r2, m2, r3, m3) => {
    const c = evaluateItem(plan.items[index], plan.plan).counts;
    expect(c.R2.display).toBe(r2);
    expect(c.R2.missing).toBe(m2);
    expect(c.R3.display).toBe(r3);
    expect(c.R3.missing).toBe(m3);
  });
});

describe('rollup', () => {
  test('plan', () => {
    expect(row('plan', 'gunma-test')).toEqual({
      kind: 'plan',
      key: 'gunma-test',
      label: '群馬テスト計画',
      itemIds: ['A', 'B', 'C'],
      years: { R2: y(3, 4, 1, 75), R3: y(2, 3, 2, 66.6666666666667) },
    });
  });

  test('goals', () => {
    expect(row('goal', '1')).toEqual({
      kind: 'goal',
      key: '1',
      label: 'デジタル',
      itemIds: ['A', 'B'],
      years: { R2: y(3, 4, 0, 75), R3: y(1, 2, 2, 50) },
    });
    expect(row('goal', '10')).toEqual({
      kind: 'goal',
      key: '10',
      label: '財政',
      itemIds: ['C'],
      years: { R2: y(0, 0, 1, null), R3: y(1, 1, 0, 100) },
    });
  });

  test('reforms', () => {
    expect(row('reform', '2')).toMatchObject({ label: '手続の電子化', itemIds: ['A'], years: { R2: y(1, 2, 0, 50), R3: y(0, 1, 1, 0) } });
    expect(row('reform', '12')).toMatchObject({ label: '財源確保', itemIds: ['B'], years: { R2: y(2, 2, 0, 100), R3: y(1, 1, 1, 100) } });
    expect(row('reform', '3')).toMatchObject({ label: '税外債権', itemIds: ['C'], years: { R2: y(0, 0, 1, null), R3: y(1, 1, 0, 100) } });
  });

  test('departments: each department of a multi-department 取組所属 gets the item', () => {
    expect(row('dept', '業務プロセス改革課')).toMatchObject({ itemIds: ['A'], years: { R2: y(1, 2, 0, 50), R3: y(0, 1, 1, 0) } });
    expect(row('dept', '財政課')).toMatchObject({
      label: '財政課',
      itemIds: ['B', 'C'],
      years: { R2: y(2, 2, 1, 100), R3: y(2, 2, 1, 100) },
    });
    expect(row('dept', '財産有効活用課')).toMatchObject({ itemIds: ['B'], years: { R2: y(2, 2, 0, 100), R3: y(1, 1, 1, 100) } });
    expect(rows.filter((r) => r.kind === 'dept').map((r) => r.key).sort()).toEqual(['業務プロセス改革課', '財政課', '財産有効活用課'].sort());
  });

  test('KGIs count KPI-years, only of the KPIs that roll up to them', () => {
    expect(row('kgi', '1')).toEqual({
      kind: 'kgi',
      key: '1',
      label: 'デジタル化による県民利便性向上',
      itemIds: ['A', 'B'],
      years: { R2: y(2, 2, 0, 100), R3: y(1, 2, 0, 50) },
    });
    expect(row('kgi', '2')).toEqual({
      kind: 'kgi',
      key: '2',
      label: '持続可能な財政基盤',
      itemIds: ['A', 'C'],
      years: { R2: y(0, 1, 0, 0), R3: y(1, 1, 1, 100) },
    });
  });

  test('a KGI number without an entry in kgis is labelled ＫＧＩn; a deleted KPI-year does not count', () => {
    expect(row('kgi', '3')).toEqual({
      kind: 'kgi',
      key: '3',
      label: 'ＫＧＩ3',
      itemIds: ['C'],
      years: { R2: y(0, 0, 1, null), R3: y(0, 0, 0, null) },
    });
  });

  test('KPIs without a KGI make no KGI row', () => {
    expect(rows.filter((r) => r.kind === 'kgi').map((r) => r.key)).toEqual(['1', '2', '3']);
  });

  test('order: plan, goals, reforms, departments, KGIs; numbers in numeric order', () => {
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual(['plan', 'goal', 'goal', 'reform', 'reform', 'reform', 'dept', 'dept', 'dept', 'kgi', 'kgi', 'kgi']);
    expect(rows.filter((r) => r.kind === 'goal').map((r) => r.key)).toEqual(['1', '10']);
    expect(rows.filter((r) => r.kind === 'reform').map((r) => r.key)).toEqual(['2', '3', '12']);
  });

  test('goal and reform rows partition the plan row', () => {
    for (const kind of ['goal', 'reform'] as const) {
      for (const year of ['R2', 'R3']) {
        const parts = rows.filter((r) => r.kind === kind).map((r) => r.years[year]);
        const total = row('plan', 'gunma-test').years[year];
        expect(parts.reduce((s, p) => s + p.achieved, 0)).toBe(total.achieved);
        expect(parts.reduce((s, p) => s + p.evaluated, 0)).toBe(total.evaluated);
        expect(parts.reduce((s, p) => s + p.missing, 0)).toBe(total.missing);
      }
    }
  });

  test('a plan with nothing evaluated has null rates, not 0', () => {
    const empty = Plan.parse({
      version: 1,
      plan: { id: 'e', title: 'e', baseYear: 'R1', years: ['R2'] },
      items: [{ id: 'x', goal: { no: 1, name: 'g' }, reform: { no: 1, name: 'r' }, no: 1, title: 't', kpis: [{ no: 1, name: 'k', direction: 'higher', targets: { R2: 5 } }] }],
    });
    const r = rollup(empty, evaluatePlan(empty));
    expect(r.map((x) => `${x.kind}:${x.key}`)).toEqual(['plan:e', 'goal:1', 'reform:1']); // empty 取組所属: no dept row
    for (const x of r) expect(x.years.R2).toEqual(y(0, 0, 1, null));
  });

  test('a department named twice in one 取組所属 counts the item once', () => {
    const twice = Plan.parse({
      version: 1,
      plan: { id: 't', title: 't', baseYear: 'R1', years: ['R2'] },
      items: [
        {
          id: 'x',
          goal: { no: 1, name: 'g' },
          reform: { no: 1, name: 'r' },
          no: 1,
          title: 't',
          leadDept: '財政課、財政課',
          kpis: [{ no: 1, name: 'k', direction: 'higher', targets: { R2: 5 }, actuals: { R2: 6 } }],
        },
      ],
    });
    const r = rollup(twice, evaluatePlan(twice));
    const dept = r.filter((x) => x.kind === 'dept');
    expect(dept).toHaveLength(1);
    expect(dept[0].itemIds).toEqual(['x']);
    expect(dept[0].years.R2).toEqual(y(1, 1, 0, 100));
  });
});

describe('splitDepts', () => {
  test.each<[string, string[]]>([
    ['財政課', ['財政課']],
    ['財政課、財産有効活用課', ['財政課', '財産有効活用課']],
    ['財政課, 財産有効活用課', ['財政課', '財産有効活用課']],
    ['財政課\n 財産有効活用課 \n', ['財政課', '財産有効活用課']],
    ['', []],
    ['、', []],
  ])('%j', (text, expected) => {
    expect(splitDepts(text)).toEqual(expected);
  });
});
