// export(generate(plan)) equals plan for everything the sheet holds: the bundled plan, a plan as
// clerks fill it, and random valid plans (fast-check).
import fc from 'fast-check';
import { Plan, type PlanInput } from '../src/model/plan';
import { parsePlan } from '../src/model/validate';
import { buildWorkbookLayout } from '../src/layout/workbook';
import { writeWorkbookBuffer } from '../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../src/xlsx/read';
import { bundledPlan, fillActuals } from './support/plans';
import { canonical } from './support/canonical';


async function roundTrip(plan: Plan): Promise<Plan> {
  const buffer = await writeWorkbookBuffer(buildWorkbookLayout(plan));
  return workbookToPlan(await loadWorkbook(buffer), 'roundtrip.xlsx');
}

describe('export(generate(plan)) = plan', () => {
  test('the bundled Gunma 2020–2024 plan', async () => {
    const plan = await bundledPlan();
    const back = await roundTrip(plan);
    expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
  });

  test('the bundled plan after clerks typed R5/R6 actuals', async () => {
    const plan = fillActuals(await bundledPlan(), 7);
    expect(canonical(await roundTrip(plan))).toEqual(canonical(plan));
  });

  test('text that looks like a formula stays text', async () => {
    const plan = await bundledPlan();
    plan.items[0].situation = '=HYPERLINK("http://example.invalid","x")';
    plan.items[0].evaluations.R2 = { factors: '+1+2', nextYearIssues: '-3', response: '@SUM(A1)' };
    const back = await roundTrip(plan);
    expect(back.items[0].situation).toBe(plan.items[0].situation);
    expect(back.items[0].evaluations.R2).toEqual(plan.items[0].evaluations.R2);
  });
});

// Random valid plans: the shapes the schema allows, with the texts and numbers clerks type.
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !/[\u0000-\u001f]/.test(s)),
  fc.constantFrom('　現状の説明です。\n二段落目', '①②を推進', '=1+1', '－ 該当なし'),
);
const years = ['R2', 'R3', 'R4'];
const num = fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.integer({ min: 0, max: 99999 }).map((n) => n / 10), fc.constant(0));
// Targets are not negative: validate refuses them (no rate means anything against a negative target).
const target = fc.oneof(
  num.map(Math.abs),
  fc.constantFrom('－', '75%以上', '20％未満', '精査中'),
  fc.constant({ relative: 'previousActual' as const, label: '前年度以上' }),
);
const kpi = (no: number) =>
  fc.record({
    direction: fc.constantFrom('higher', 'lower', 'qualitative'),
    name: text,
    unit: fc.constantFrom('％', '件', '時間', '百万円', ''),
    kgi: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    baseline: fc.option(num, { nil: undefined }),
    t: fc.tuple(...years.map(() => fc.option(target, { nil: undefined }))),
    a: fc.tuple(...years.map(() => fc.option(fc.oneof(num, fc.constant('－')), { nil: undefined }))),
    decimals: fc.option(fc.constant(1), { nil: undefined }),
    group: fc.option(fc.constantFrom('１ 県民向けシステム', '○ 庁内'), { nil: undefined }),
    finalTarget: fc.option(fc.record({ year: fc.constantFrom('R4', 'R7'), value: fc.oneof(num, fc.constant('100%(R7)')) }), { nil: undefined }),
    periodTarget: fc.option(fc.constant({ from: 'R2', to: 'R4', kind: 'total' as const, value: 120, raw: '120億円 (R2~R4年度累計)' }), { nil: undefined }),
  }).map((k) => {
    const qualitative = k.direction === 'qualitative';
    const targets: Record<string, unknown> = {};
    const actuals: Record<string, unknown> = {};
    years.forEach((y, i) => {
      const t = k.t[i];
      if (t !== undefined) targets[y] = qualitative ? (typeof t === 'string' ? t : '期間内に公表') : t;
      const a = k.a[i];
      if (a !== undefined) actuals[y] = qualitative ? (typeof a === 'number' ? (a > 0 ? '達成' : '未達成') : a) : a;
    });
    return { no, name: k.name, unit: k.unit, kgi: k.kgi, direction: k.direction, baseline: k.baseline, targets, actuals, decimals: k.decimals, group: k.group, finalTarget: k.finalTarget, periodTarget: k.periodTarget };
  });
const quarters = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((q) => q.sort());
const item = (index: number) =>
  fc.record({
    title: text,
    leadDept: text,
    situation: text,
    reformContent: fc.option(text, { nil: undefined }),
    kpis: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => kpi(i + 1)))),
    refs: fc.array(fc.record({ name: text, unit: fc.constantFrom('件', '回'), r2: fc.option(num, { nil: undefined }) }), { maxLength: 2 }),
    tasks: fc.array(fc.record({ task: text, plan: quarters, result: quarters, note: fc.option(fc.constantFrom('要望調査', '実施'), { nil: undefined }) }), { maxLength: 3 }),
    factors: fc.option(text, { nil: undefined }),
    dataUtilization: fc.option(fc.constant(true), { nil: undefined }),
    highlights: fc.option(fc.record({ R4: fc.array(text, { minLength: 1, maxLength: 2 }) }), { nil: undefined }),
    effect: fc.option(fc.constant({ label: 'ＲＰＡ', text: 'Ｒ２年度：13,000 時間／年（業務数×260 時間）', kpi: 1, factor: 260, unit: '時間', basis: 'target' as const, values: { R2: 13000 } }), { nil: undefined }),
  }).map((it) => ({
    id: `1-1-${index + 1}`,
    goal: { no: 1, name: '目標' },
    reform: { no: 1, name: '改革' },
    no: index + 1,
    title: it.title,
    leadDept: it.leadDept,
    situation: it.situation,
    reformContent: it.reformContent,
    dataUtilization: it.dataUtilization,
    code: `No.${index + 1}`,
    section: { code: '1-1', name: '県庁のＩＣＴ化' },
    highlights: it.highlights,
    expectedEffects: it.effect ? [it.effect] : undefined,
    kpis: it.kpis,
    referenceIndicators: it.refs.map((r) => ({ name: r.name, unit: r.unit, actuals: r.r2 === undefined ? {} : { R2: r.r2 } })),
    schedule: it.tasks.map((t) => ({
      relatedKpis: it.kpis.length ? [1] : [],
      task: t.task,
      group: '1 申請件数が多い手続',
      yearNotes: { R2: '全庁照会、業務ヒアリング' },
      plan: t.plan.length ? { R3: t.plan } : {},
      result: t.result.length ? { R3: t.result } : {},
      ...(t.note ? { planNotes: { R2: { '1': t.note } } } : {}),
    })),
    evaluations: it.factors ? { R3: { factors: it.factors } } : {},
  }));
const randomPlan = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => item(i))).map(
    (items): PlanInput => ({
      version: 1,
      plan: { id: 'p', title: 'テスト計画 & 評価', prefecture: '群馬県', baseYear: 'R1', years, adoptedOn: '令和3年3月策定' },
      kgis: [1, 2, 3].map((no) => ({ no, name: `KGI${no}` })),
      goals: [{ no: 1, name: '目標', tag: '新規', policies: [{ no: 1, name: '方針1', tag: '強化' }] }],
      items: items as PlanInput['items'],
    }),
  ),
);

test('random valid plans survive generate → export', async () => {
  await fc.assert(
    fc.asyncProperty(randomPlan, async (input) => {
      const parsed = parsePlan(input);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const back = await roundTrip(parsed.plan);
      expect(canonical(Plan.parse(back))).toEqual(canonical(parsed.plan));
    }),
    { numRuns: 40 },
  );
});
