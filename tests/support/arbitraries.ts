// Random valid plans for property tests: the shapes the schema allows, with the texts and numbers
// clerks type (tests/roundtrip.test.ts, tests/property/*).
import fc from 'fast-check';
import type { PlanInput } from '../../src/model/plan';

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !/[\u0000-\u001f]/.test(s)),
  fc.constantFrom('　現状の説明です。\n二段落目', '①②を推進', '=1+1', '－ 該当なし'),
  // What XML cannot hold as is: Word's line break, CRLF, a lone CR, a control character, an astral character.
  fc.constantFrom('一行目\u000b二行目', '行\r\n改行', '古い\r改行', '制御\u0001文字', '𠮷野家 & R&D'),
);
const years = ['R2', 'R3', 'R4'];
const num = fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.integer({ min: 0, max: 99999 }).map((n) => n / 10), fc.constant(0));
// Targets are not negative: validate refuses them (no rate means anything against a negative target).
const target = fc.oneof(
  num.map(Math.abs),
  fc.constantFrom('－', '75%以上', '20％未満', '精査中'),
  fc.constant({ relative: 'previousActual' as const, label: '前年度以上' }),
);
/** A year's target and actual (either may be missing). */
export type YearFigures = [unknown, unknown];
const defaultFigures: fc.Arbitrary<YearFigures> = fc.tuple(fc.option(target, { nil: undefined }), fc.option(fc.oneof(num, fc.constant('－')), { nil: undefined }));

export interface PlanShape {
  /** Each KPI-year's target and actual; default: independent numbers, words, dashes and 前年度以上. */
  figures?: fc.Arbitrary<YearFigures>;
  /** Extra KPI fields drawn per KPI (e.g. rateFormula, decimals). */
  kpiExtras?: fc.Arbitrary<Record<string, unknown>>;
}

const kpi = (no: number, shape: PlanShape) =>
  fc.record({
    direction: fc.constantFrom('higher', 'lower', 'qualitative'),
    name: text,
    unit: fc.constantFrom('％', '件', '時間', '百万円', ''),
    kgi: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    baseline: fc.option(num, { nil: undefined }),
    f: fc.tuple(...years.map(() => shape.figures ?? defaultFigures)),
    extras: shape.kpiExtras ?? fc.constant({}),
    decimals: fc.option(fc.constant(1), { nil: undefined }),
    group: fc.option(fc.constantFrom('１ 県民向けシステム', '○ 庁内'), { nil: undefined }),
    finalTarget: fc.option(fc.record({ year: fc.constantFrom('R4', 'R7'), value: fc.oneof(num, fc.constant('100%(R7)')) }), { nil: undefined }),
    periodTarget: fc.option(fc.constant({ from: 'R2', to: 'R4', kind: 'total' as const, value: 120, raw: '120億円 (R2~R4年度累計)' }), { nil: undefined }),
    sources: fc.option(fc.constant({ R2: { file: '返送/02_人事課.xlsx', sha256: 'a'.repeat(64), sheet: '(1)電子申請', cell: 'G14', department: '人事課' } }), { nil: undefined }),
  }).map((k) => {
    const qualitative = k.direction === 'qualitative';
    const targets: Record<string, unknown> = {};
    const actuals: Record<string, unknown> = {};
    years.forEach((y, i) => {
      const [t, a] = k.f[i];
      if (t !== undefined) targets[y] = qualitative ? (typeof t === 'string' ? t : '期間内に公表') : t;
      if (a !== undefined) actuals[y] = qualitative ? (typeof a === 'number' ? (a > 0 ? '達成' : '未達成') : a) : a;
    });
    return { no, name: k.name, unit: k.unit, kgi: k.kgi, direction: k.direction, baseline: k.baseline, targets, actuals, decimals: k.decimals, group: k.group, finalTarget: k.finalTarget, periodTarget: k.periodTarget, sources: k.sources, ...k.extras };
  });
const quarters = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((q) => q.sort());
const item = (index: number, shape: PlanShape) =>
  fc.record({
    title: text,
    leadDept: text,
    situation: text,
    reformContent: fc.option(text, { nil: undefined }),
    kpis: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => kpi(i + 1, shape)))),
    refs: fc.array(fc.record({ name: text, unit: fc.constantFrom('件', '回'), r2: fc.option(num, { nil: undefined }) }), { maxLength: 2 }),
    tasks: fc.array(fc.record({ task: text, plan: quarters, result: quarters, note: fc.option(fc.constantFrom('要望調査', '実施', '■印で始まるメモ'), { nil: undefined }) }), { maxLength: 3 }),
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
/** Random valid plans of 1–3 items (the figures and KPI fields as `shape` says). */
export const planArbitrary = (shape: PlanShape = {}) =>
  fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => item(i, shape))).map(
    (items): PlanInput => ({
      version: 1,
      plan: { id: 'p', title: 'テスト計画 & 評価', prefecture: '群馬県', baseYear: 'R1', years, adoptedOn: '令和3年3月策定' },
      kgis: [1, 2, 3].map((no) => ({ no, name: `KGI${no}` })),
      goals: [{ no: 1, name: '目標', tag: '新規', policies: [{ no: 1, name: '方針1', tag: '強化' }] }],
      items: items as PlanInput['items'],
    }),
  ),
);

export const randomPlan = planArbitrary();
