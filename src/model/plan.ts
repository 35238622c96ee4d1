// Plan file, version 1 — the interchange format (spec §6).
// Field names here are a contract that outside tests rely on: add fields, rename none.
import { z } from 'zod';
import { CANONICAL_FISCAL_YEAR_RE, fiscalYearHint } from './fiscal-year';

/** Largest magnitude of a figure: the sheets' input validation allows ±10^15, and rates of such figures stay finite. */
export const MAX_MAGNITUDE = 1e15;

const MAGNITUDE_MESSAGE = 'a figure must lie within ±10^15 (the sheets accept no more) / 数値は ±10^15 以内です（シートの入力範囲）';
/** A figure (target, actual, baseline, factor …): a number within ±10^15. */
export const Figure = z
  .number()
  .min(-MAX_MAGNITUDE, { error: MAGNITUDE_MESSAGE })
  .max(MAX_MAGNITUDE, { error: MAGNITUDE_MESSAGE });

/**
 * A fiscal year in canonical wareki form: R2 = FY2020 (April–March), H30 = FY2018; FY2019 only as R1.
 * One spelling per year (R02, R元, H31 are refused with the canonical form to write), R0 and H31+ do not exist.
 */
export const FiscalYear = z
  .string()
  .regex(CANONICAL_FISCAL_YEAR_RE, { error: (issue) => fiscalYearHint(issue.input) })
  .describe('Fiscal year in canonical wareki form, e.g. "R2" (= FY2020), "R1" (not R元 or H31). 年度（和暦）');
export type FiscalYear = z.infer<typeof FiscalYear>;

/** 前年度以上 / 前年度以下: the target is the previous year's actual (the baseline for the first year). */
export const RelativeTarget = z
  .object({
    relative: z.literal('previousActual'),
    /** The words the sheet shows until the previous actual exists, e.g. 「前年度以上」. */
    label: z.string().optional(),
  })
  .strict();

/** A target: a number, text (「75%以上」「20％未満」「－」, or a qualitative goal), or a relative target. */
export const TargetValue = z.union([Figure, z.string(), RelativeTarget]);
export type TargetValue = z.infer<typeof TargetValue>;

/** An actual: a number, or text (「達成」「未達成」 for qualitative KPIs, 「－」 for none). */
export const ActualValue = z.union([Figure, z.string()]);
export type ActualValue = z.infer<typeof ActualValue>;

const yearMap = <T extends z.ZodTypeAny>(value: T) => z.record(FiscalYear, value);

export const Direction = z.enum(['higher', 'lower', 'qualitative']);
export type Direction = z.infer<typeof Direction>;

export const RateFormula = z.enum(['ratio', 'inverse', 'margin']);
export type RateFormula = z.infer<typeof RateFormula>;

export const Aggregation = z.enum(['level', 'cumulativeWithinYear', 'cumulativeSinceStart', 'perQuarter']);

const Quarter = z.number().int().min(1).max(4);

/** A value's origin in a yearly round: the department's returned file (by its SHA-256), sheet and cell. */
export const Source = z
  .object({
    file: z.string().min(1).describe('the returned file as collected'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of its bytes'),
    sheet: z.string().min(1),
    cell: z.string().regex(/^[A-Z]{1,3}[1-9][0-9]*$/).describe('A1 address on the sheet'),
    department: z.string().optional().describe('所属 the file was sent to'),
    roundId: z.string().optional(),
    savedAt: z.string().optional().describe('when the department last saved the file (ISO 8601)'),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** 目標変更: a department asks for a different target in a round year instead of typing over it. */
export const TargetChangeRequest = z
  .object({
    value: z.union([Figure, z.string()]).optional().describe('新しい目標値'),
    reason: z.string().optional().describe('理由'),
  })
  .strict();
export type TargetChangeRequest = z.infer<typeof TargetChangeRequest>;

export const Kpi = z
  .object({
    no: z.number().int().min(1).max(20).describe('取組目標 number: 1 = ①'),
    name: z.string().min(1).describe('指標項目'),
    unit: z.string().default('').describe('単位 (％, 件, 時間, 百万円 …)'),
    kgi: z.number().int().min(1).nullable().optional().describe('ＫＧＩ number the KPI rolls up to'),
    direction: Direction,
    baseline: z.union([Figure, z.string()]).nullable().optional().describe('基準年の実績'),
    targets: yearMap(TargetValue).default({}),
    actuals: yearMap(ActualValue).default({}),
    rateFormula: RateFormula.optional(),
    strict: z.boolean().optional().describe('未満/超: the target itself is not achieved'),
    decimals: z.number().int().min(0).max(3).optional().describe('display precision of the rate'),
    /** Qualitative KPIs: show 100%/0% ("percent", default) or the word 達成/未達成 ("word"). */
    qualitativeDisplay: z.enum(['percent', 'word']).optional(),
    quarterlyActuals: yearMap(z.array(z.union([Figure, z.string(), z.null()])).length(4)).optional(),
    aggregation: Aggregation.optional(),
    cumulative: z.boolean().optional().describe('（累計）: targets and actuals are running totals'),
    deleted: z
      .object({ from: FiscalYear, reason: z.string().default('') })
      .strict()
      .optional(),
    revisions: z
      .array(z.object({ year: FiscalYear, before: TargetValue, after: TargetValue, note: z.string().optional() }).strict())
      .optional(),
    targetChangeRequests: yearMap(TargetChangeRequest).optional().describe('目標変更: requested per year, for approval'),
    /** Heading a bulleted indicator sits under (Saitama 「１ 県民向けシステム」). */
    group: z.string().optional(),
    /** The number as printed when it differs from no: a deleted indicator whose number the next one reuses (DX 「(②…)」). */
    printedNo: z.number().int().min(1).max(20).optional(),
    /** Year of the baseline when it is not the plan's base year (Yamagata 「1.5% (R2)」). */
    baselineYear: FiscalYear.optional(),
    /** The plan's final target as printed (R5目標値, R6目標値), possibly for a year outside the plan (「100%(R7)」). */
    finalTarget: z
      .object({ year: FiscalYear, value: z.union([Figure, z.string()]), note: z.string().optional() })
      .strict()
      .optional(),
    /** A target over a span rather than a year: 「120億円 (R3~R6年度累計)」, 「期間中年間平均」, 「Ｒ２年度～」. */
    periodTarget: z
      .object({
        from: FiscalYear,
        to: FiscalYear.nullable().optional(),
        kind: z.enum(['total', 'average', 'openEnded']),
        value: Figure.optional(),
        raw: z.string(),
      })
      .strict()
      .optional(),
    /**
     * The department (所属) that reports this KPI when it is not (only) the item's 取組所属: in a yearly round
     * (hyoka distribute) that department also receives the whole item, so its sheet is complete.
     */
    owner: z.string().min(1).optional().describe('担当所属 (KPI owner): also receives the item in a round'),
    /** Where each year's 実績 of a plan of record came from (hyoka merge): the returned file, sheet and cell. */
    sources: yearMap(Source).optional().describe('出典: the department file each actual was taken from'),
    notes: z.string().optional(),
  })
  .strict();
export type Kpi = z.infer<typeof Kpi>;

export const ReferenceIndicator = z
  .object({
    name: z.string().min(1),
    unit: z.string().default(''),
    baseline: z.union([Figure, z.string()]).nullable().optional(),
    actuals: yearMap(ActualValue).default({}),
    notes: z.string().optional(),
  })
  .strict();
export type ReferenceIndicator = z.infer<typeof ReferenceIndicator>;

export const ScheduleTask = z
  .object({
    /** 関連目標 as printed: ① … ⑳ (a number beyond 20 has no circled digit and would not read back). */
    relatedKpis: z
      .array(
        z
          .number()
          .int()
          .min(1)
          .max(20, { error: 'a related KPI is numbered 1 to 20 (① to ⑳) / 関連目標の番号は 1〜20（①〜⑳）です' }),
      )
      .default([]),
    task: z.string().min(1).describe('具体的取組'),
    plan: yearMap(z.array(Quarter)).default({}).describe('計画: quarters planned per year'),
    result: yearMap(z.array(Quarter)).default({}).describe('結果: quarters done per year'),
    /** Short texts written in a quarter cell, e.g. 「要望調査」. */
    planNotes: yearMap(z.partialRecord(z.enum(['1', '2', '3', '4']), z.string())).optional(),
    resultNotes: yearMap(z.partialRecord(z.enum(['1', '2', '3', '4']), z.string())).optional(),
    /** Group heading a task sits under (DX: 「1 申請件数が多く…」). */
    group: z.string().optional(),
    /** Yearly 工程 text (Saitama: one cell per year, no quarters). */
    yearNotes: yearMap(z.string()).optional(),
  })
  .strict();
export type ScheduleTask = z.infer<typeof ScheduleTask>;

export const Evaluation = z
  .object({
    factors: z.string().optional().describe('要因分析'),
    nextYearIssues: z.string().optional().describe('次年度への課題'),
    response: z.string().optional().describe('課題を踏まえての対応'),
  })
  .strict();
export type Evaluation = z.infer<typeof Evaluation>;

const Numbered = z.object({ no: z.number().int().min(1), name: z.string().min(1) }).strict();

export const ExpectedEffect = z
  .object({
    label: z.string().min(1).describe('e.g. ＲＰＡ による削減時間'),
    text: z.string().default('').describe('the effect as printed, e.g. 「Ｒ２年度：13,000 時間／年 （業務数×260 時間）」'),
    /** The KPI whose target or actual the formula multiplies, the factor and the resulting unit. */
    kpi: z.number().int().min(1).optional(),
    factor: Figure.optional(),
    unit: z.string().optional(),
    basis: z.enum(['target', 'actual']).optional(),
    /** Values as printed per year, to check the formula against. */
    values: yearMap(Figure).optional(),
    /** Heading the effect sits under (Saitama 「〇 業務自動化による削減時間」). */
    group: z.string().optional(),
    /** Unit the factor is stated in when it differs from the result (枚数×2分 → 時間): the product is converted. */
    factorUnit: z.string().optional(),
    /** A further price per unit of time or quantity: 「× 職員時給 4.5 千円」 = { label: '職員時給', value: 4.5, unit: '千円', per: '時間' }. */
    price: z
      .object({ label: z.string().optional(), value: Figure, unit: z.string(), per: z.string() })
      .strict()
      .optional(),
    /** A total printed over a span: 「Ｒ２～４年度累計 450 百万円」. */
    total: z.object({ from: FiscalYear, to: FiscalYear, value: Figure }).strict().optional(),
  })
  .strict();
export type ExpectedEffect = z.infer<typeof ExpectedEffect>;

export const Item = z
  .object({
    id: z.string().min(1).regex(/^[^\\/?*[\]:]+$/, { message: 'id must not contain \\ / ? * [ ] : / id に \\ / ? * [ ] : は使えません' }),
    goal: Numbered.describe('目標'),
    reform: Numbered.extend({ code: z.string().optional().describe('分類 number as printed within its section, e.g. ⑴ (Saitama)') }).describe('改革 / 方針'),
    no: z.number().int().min(1).describe('実施項目 number within the plan'),
    title: z.string().min(1).describe('実施項目'),
    leadDept: z.string().default('').describe('取組所属'),
    relatedDepts: z.string().default('').describe('関係所属'),
    dataUtilization: z.boolean().default(false).describe('官民データ活用推進計画対応 ◎'),
    situation: z.string().default('').describe('現状'),
    problems: z.string().default('').describe('問題・課題'),
    reformContent: z.string().default('').describe('改革内容'),
    kpis: z.array(Kpi).default([]),
    referenceIndicators: z.array(ReferenceIndicator).default([]),
    schedule: z.array(ScheduleTask).default([]),
    evaluations: yearMap(Evaluation).default({}),
    remarks: yearMap(z.string()).optional().describe('備考: free remarks per year (a round-year input)'),
    /** Item code as printed when it is not (no): 「No.1」. */
    code: z.string().optional(),
    /** Saitama's section between 方向性 and 分類: 「1-1 県庁のＩＣＴ化」. */
    section: z.object({ code: z.string(), name: z.string() }).strict().optional(),
    /** 期待される効果, with the formula that produces it from a KPI's target or actual (業務数×260時間). */
    expectedEffects: z.array(ExpectedEffect).optional(),
    /** 主な取組実績 / 計画 bullets per year (Yamagata). */
    highlights: yearMap(z.array(z.string())).optional(),
    /** Item-level revisions (Saitama 令和４年３月見直し). */
    revisions: z.array(z.object({ when: z.string(), reason: z.string(), change: z.string() }).strict()).optional(),
    notes: z.string().optional().describe('transcription notes'),
  })
  .strict();
export type Item = z.infer<typeof Item>;

/** Sheet layouts: gunma-evaluation (seed 001), gunma-dx (004), saitama-action (000), yamagata-summary (002), outline (003). */
export const Layout = z.enum(['gunma-evaluation', 'gunma-dx', 'saitama-action', 'yamagata-summary', 'outline']);
export type Layout = z.infer<typeof Layout>;

export const GradeBand = z.object({ label: z.string().min(1), minRate: z.number() }).strict();

export const PlanHeader = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    prefecture: z.string().default(''),
    baseYear: FiscalYear.describe('基準年, e.g. R1 (printed R元)'),
    years: z.array(FiscalYear).min(1).max(12),
    asOf: z.string().optional().describe('時点, e.g. 令和5年3月'),
    /** Optional grading scale shown beside the rate: bands by minimum rate, e.g. S ≥ 120, A ≥ 100. None by default. */
    grading: z.array(GradeBand).optional(),
    /** Which sheet layout renders the plan (default: the Gunma evaluation sheet). */
    layout: Layout.optional(),
    adoptedOn: z.string().optional().describe('策定, e.g. 令和3年3月策定'),
    revisedOn: z.string().optional().describe('改訂, e.g. 令和5年3月改訂'),
    source: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict();
export type PlanHeader = z.infer<typeof PlanHeader>;

export const Kgi = z.object({ no: z.number().int().min(1), name: z.string().min(1), indicators: z.array(z.string()).optional() }).strict();

/** 目標 → 改革/方針 as a tree of its own, for plans whose items are not written yet (Gunma 2025 outline). */
export const Goal = z
  .object({
    no: z.number().int().min(1),
    name: z.string().min(1),
    subtitle: z.string().optional(),
    tag: z.enum(['新規', '強化', '見直し']).optional(),
    summary: z.string().optional(),
    examples: z.string().optional().describe('(取組例)'),
    /** 新規・強化のポイント: why the goal is new or strengthened (Gunma 2025 outline). */
    points: z.string().optional().describe('新規・強化のポイント'),
    policies: z.array(z.object({ no: z.number().int().min(1), name: z.string().min(1), tag: z.enum(['新規', '強化', '見直し']).optional() }).strict()).default([]),
  })
  .strict();
export type Goal = z.infer<typeof Goal>;

export const Plan = z
  .object({
    version: z.literal(1),
    plan: PlanHeader,
    kgis: z.array(Kgi).default([]),
    goals: z.array(Goal).optional(),
    items: z.array(Item),
  })
  .strict();
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;
