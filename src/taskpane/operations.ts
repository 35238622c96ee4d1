/// <reference types="office-js" />
// What the task pane's buttons do, each as `(context, …) => result` over an Excel request context, so
// tests pass a mock and the pane passes Excel.run's context. Each one reads what it needs in one or two
// syncs (src/office/read-workbook.ts), changes the plan (plan-edit.ts), rebuilds the layout of the
// sheets concerned from the plan (src/layout) and writes them (src/office/write-sheet.ts) — the sheets
// are never patched cell by cell, so every value stays with its KPI and year and every formula points at
// the cells of the new layout. This module and what it imports (zod, the layout, the rules, the audit)
// are the pane's lazily loaded chunk; 集計's file parsing (exceljs) is a chunk of its own, loaded by
// parseDepartmentFiles only when files have been picked.
import type { Item, Layout, Plan } from '../model/plan';
import { parsePlan, type PlanProblem } from '../model/validate';
import { OVERVIEW_SHEET } from '../layout/overview';
import { DEFAULT_LAYOUT } from '../layout/registry';
import { buildWorkbookLayout, itemSheetNames, metadataChunks, metadataOf, META_MARKER, META_SHEET, type PlanMetadata } from '../layout/workbook';
import type { WorkbookLayout } from '../layout/types';
import { arrayGrid, type Grid } from '../read/grid';
import { gridsToPlan } from '../read/all-readers';
import type { Locations } from '../read/plan-reader';
import { readActiveSheet, readMetadataGrid, readWorkbook, selectCell, type WorkbookRead } from '../office/read-workbook';
import { SheetExistsError, writeWorkbook, type WriteProgress } from '../office/write-sheet';
import { checkItems, itemIdOfGrid, metadataFromGrid, type CheckProblem } from './check';
import { PaneError } from './errors';
import { addItem, addKpi, addYear, newPlan, type ItemForm, type KpiForm, type PlanForm } from './plan-edit';
import { auditGrids, type FileAudit, type Finding } from '../audit';
import { writeSummary } from '../office/write-summary';
import type { FileProgress, ParsedFiles, PickedFile } from './department-files';
import { readMetadata } from '../read/plan-reader';
import { stampOf, type RoundStamp } from '../round/stamp';
import { beforeSubmit, clerkTodo, type ClerkFinding, type TodoCell } from './clerk';

export type { CheckProblem } from './check';
export type { ItemForm, KpiForm, PlanForm } from './plan-edit';
export type { Finding } from '../audit';
export type { FileProgress, ParsedFiles, PickedFile } from './department-files';
export type { ClerkFinding, TodoCell } from './clerk';
export { summaryLine } from '../consolidate/summary-layout';
export { PaneError } from './errors';
export { nextYearOf } from './plan-edit';
export { SheetExistsError };

export type Progress = (p: WriteProgress) => void;

export interface WriteResult {
  /** The sheets written. */
  sheets: string[];
  /** context.sync() calls, reads included. */
  syncs: number;
}

const NOT_HYOKA = new PaneError(
  'このブックには評価シートの計画データ（非表示シート _hyoka）がありません。先に「新規作成」でシートを作成してください',
  'this workbook holds no evaluation plan (hidden sheet _hyoka): create the sheets first with New',
);

// ---------------------------------------------------------------------------------------------------
// Plans from files and from the bundle

/** The bundled sample plan (seeds/gunma-2020.json), loaded as its own chunk. */
export async function loadSamplePlan(): Promise<Plan> {
  const { default: json } = await import(/* webpackChunkName: "sample-plan" */ '../../seeds/gunma-2020.json');
  const parsed = parsePlan(json);
  if (!parsed.ok) throw new PaneError(`同梱の計画が読めません: ${parsed.problems[0].path} ${parsed.problems[0].ja}`, `the bundled plan is invalid: ${parsed.problems[0].path} ${parsed.problems[0].en}`);
  return parsed.plan;
}

/** A plan file's text: the plan, or every problem with its JSON path (a syntax error at '$'). */
export function parsePlanText(text: string): { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ path: '$', ja: `JSON として読めません（${detail}）`, en: `not valid JSON (${detail})` }] };
  }
  return parsePlan(data);
}

// ---------------------------------------------------------------------------------------------------
// Layout of a plan with the workbook's own sheet names

/**
 * The workbook layout for a plan whose item sheets carry the given names (the workbook's, which a
 * clerk may have renamed). The layout is always buildWorkbookLayout's; only the names differ: item
 * sheets renamed, every sheet reference in a formula ('name'!A1, e.g. in 一覧) and the print footers
 * follow, and the metadata records the workbook's names.
 */
export function layoutFor(plan: Plan, names: string[]): WorkbookLayout {
  const layout = buildWorkbookLayout(plan);
  const defaults = itemSheetNames(plan.items);
  const rename = new Map(defaults.map((d, i) => [d, names[i]] as const).filter(([d, n]) => n !== undefined && d !== n));
  if (rename.size === 0) return layout;
  const quote = (name: string) => `'${name.replace(/'/g, "''")}'!`;
  for (const sheet of layout.sheets) {
    const to = rename.get(sheet.name);
    if (to !== undefined) {
      if (sheet.print) sheet.print = { ...sheet.print, footer: sheet.print.footer.split(sheet.name).join(to) };
      sheet.name = to;
    }
    for (const c of sheet.cells)
      if (c.formula) c.formula = c.formula.replace(/'((?:[^']|'')+)'!/g, (ref, quoted: string) => {
        const renamed = rename.get(quoted.replace(/''/g, "'"));
        return renamed === undefined ? ref : quote(renamed);
      });
  }
  const meta = layout.sheets.find((s) => s.kind === 'meta');
  if (meta) {
    const standIns = layout.sheets.filter((s) => s.kind === 'item').map((s) => s.standIns);
    const json = JSON.stringify(metadataOf(plan, names, (plan.plan.layout ?? DEFAULT_LAYOUT) as Layout, standIns));
    meta.cells = meta.cells.filter((c) => c.row === 1);
    metadataChunks(json).forEach((value, i) => meta.cells.push({ row: i + 2, col: 1, value, style: 'meta' }));
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------------
// Reading the plan back

export interface PlanRead {
  plan: Plan;
  /** Item sheet name per plan item, in plan order. */
  names: string[];
  read: WorkbookRead;
  locations: Locations;
  meta: PlanMetadata | null;
  /** Item id → its grid. */
  grids: Map<string, Grid>;
}

/** The plan the open workbook holds: two syncs, every sheet but 一覧. */
export async function readPlan(context: Excel.RequestContext, file = 'workbook'): Promise<PlanRead> {
  const read = await readWorkbook(context, (s) => s.name !== OVERVIEW_SHEET);
  if (!read.grids.some((g) => g.name === META_SHEET)) throw NOT_HYOKA;
  return planFromRead(read, file);
}

function planFromRead(read: WorkbookRead, file = 'workbook'): PlanRead {
  const locations: Locations = {};
  const plan = gridsToPlan(read.grids, file, locations);
  const grids = new Map<string, Grid>();
  for (const g of read.grids) {
    const id = itemIdOfGrid(g);
    if (id) grids.set(id, g);
  }
  const names = plan.items.map((it) => grids.get(it.id)!.name);
  return { plan, names, read, locations, meta: metadataFromGrid(read.grids.find((g) => g.name === META_SHEET)), grids };
}

/** What the forms need: the plan's years, goals, reforms and items, from the metadata alone (one sync). */
export async function readPlanOutline(context: Excel.RequestContext): Promise<PlanMetadata | null> {
  return metadataFromGrid(await readMetadataGrid(context));
}

// ---------------------------------------------------------------------------------------------------
// 新規作成

/** A whole workbook from a plan: 一覧, one sheet per item, the metadata. */
export async function createWorkbook(context: Excel.RequestContext, plan: Plan, options: { replace?: boolean; onProgress?: Progress } = {}): Promise<WriteResult> {
  const report = await writeWorkbook(context, buildWorkbookLayout(plan), options.onProgress, { existing: options.replace ? 'replace' : 'fail' });
  return { sheets: report.sheets, syncs: report.syncs };
}

/**
 * A blank 実施項目 sheet from the short form. In a workbook that already holds a plan the item is added
 * to it (its sheet after the last item sheet; 一覧 and the metadata rewritten); otherwise a new plan
 * with this one item is created from planForm.
 */
export async function createItem(context: Excel.RequestContext, form: ItemForm, planForm: PlanForm, onProgress?: Progress): Promise<WriteResult & { item: Item }> {
  const read = await readWorkbook(context, (s) => s.name !== OVERVIEW_SHEET);
  if (!read.grids.some((g) => g.name === META_SHEET)) {
    const plan = validated(newPlan(planForm, form));
    const report = await writeWorkbook(context, buildWorkbookLayout(plan), onProgress, { knownSheets: read.sheets.map((s) => s.name) });
    return { sheets: report.sheets, syncs: read.syncs + report.syncs, item: plan.items[0] };
  }
  const before = planFromRead(read);
  const { plan, item } = addItem(before.plan, form);
  validated(plan);
  const taken = new Set(before.read.sheets.map((s) => s.name.toLowerCase()));
  let name = itemSheetNames(plan.items)[plan.items.length - 1];
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.slice(0, 31 - String(n).length - 1)}~${n}`;
  const names = [...before.names, name];
  const lastItemSheet = Math.max(...before.names.map((n) => before.read.sheets.findIndex((s) => s.name === n)));
  const written = await rewrite(context, plan, names, before.read, [item.id], { activate: name, positions: { [name]: lastItemSheet + 1 }, onProgress });
  return { ...written, syncs: before.read.syncs + written.syncs, item };
}

// ---------------------------------------------------------------------------------------------------
// 指標・年度の追加

/** Adds a KPI to the item of the active sheet (or of `sheetName`), re-rendering that sheet, 一覧 and the metadata. */
export async function addKpiToSheet(context: Excel.RequestContext, form: KpiForm, sheetName?: string, onProgress?: Progress): Promise<WriteResult & { kpi: { no: number; name: string }; sheet: string }> {
  const before = await readPlan(context);
  const target = sheetName ?? before.read.active;
  const index = before.names.findIndex((n) => n === target);
  if (index < 0)
    throw new PaneError(`「${target}」は実施項目のシートではありません。指標を追加する実施項目のシートを開いてから実行してください`, `"${target}" is not an item sheet: open the item sheet to add the KPI to, then try again`);
  const { plan, kpi } = addKpi(before.plan, before.plan.items[index].id, form);
  validated(plan);
  const written = await rewrite(context, plan, before.names, before.read, [plan.items[index].id], { activate: target, onProgress });
  return { ...written, syncs: before.read.syncs + written.syncs, kpi: { no: kpi.no, name: kpi.name }, sheet: target };
}

/** Adds a fiscal year to the plan: every item sheet gets its columns (years are the plan's), 一覧 and the metadata too. */
export async function addYearToPlan(context: Excel.RequestContext, yearText: string, onProgress?: Progress): Promise<WriteResult & { year: string }> {
  const before = await readPlan(context);
  const { plan, year } = addYear(before.plan, yearText);
  validated(plan);
  const active = before.names.includes(before.read.active) ? before.read.active : undefined;
  const written = await rewrite(context, plan, before.names, before.read, plan.items.map((it) => it.id), { activate: active, onProgress });
  return { ...written, syncs: before.read.syncs + written.syncs, year };
}

// ---------------------------------------------------------------------------------------------------
// 一覧の更新

/** Rebuilds 一覧 from the item sheets (created first in the workbook when missing). */
export async function refreshOverview(context: Excel.RequestContext, onProgress?: Progress): Promise<WriteResult> {
  const before = await readPlan(context);
  const layout = layoutFor(before.plan, before.names);
  const overview = layout.sheets.find((s) => s.kind === 'overview')!;
  const report = await writeWorkbook(context, { title: layout.title, sheets: [overview] }, onProgress, {
    existing: 'replace',
    knownSheets: before.read.sheets.map((s) => s.name),
    positions: { [overview.name]: 0 },
  });
  return { sheets: report.sheets, syncs: before.read.syncs + report.syncs };
}

// ---------------------------------------------------------------------------------------------------
// チェック

export interface CheckResult {
  problems: CheckProblem[];
  /** Item sheets checked. */
  sheets: string[];
  syncs: number;
}

/** Checks the active sheet (one sync) or every item sheet (two syncs). */
export async function checkWorkbook(context: Excel.RequestContext, scope: 'active' | 'all'): Promise<CheckResult> {
  if (scope === 'all') {
    const r = await readPlan(context);
    const problems = checkItems(r.plan, r.grids, r.locations, r.meta);
    return { problems: sortProblems(problems, r.names), sheets: r.names, syncs: r.read.syncs };
  }
  const read = await readActiveSheet(context);
  const meta = metadataFromGrid(read.meta);
  if (!meta) throw NOT_HYOKA;
  const id = read.grid ? itemIdOfGrid(read.grid) : null;
  const metaItem = id ? meta.items.find((m) => m.id === id) : undefined;
  if (!read.grid || !metaItem)
    throw new PaneError(`「${read.active}」は実施項目のシートではありません。チェックする実施項目のシートを開くか、「すべてのシート」を選んでください`, `"${read.active}" is not an item sheet: open one, or choose all sheets`);
  // The reader wants every item of the metadata: give it a metadata grid with just this one.
  const oneItem = arrayGrid(META_SHEET, [[META_MARKER], [JSON.stringify({ ...meta, items: [metaItem] })]]);
  const locations: Locations = {};
  const plan = gridsToPlan([read.grid, oneItem], 'workbook', locations);
  const problems = checkItems(plan, new Map([[metaItem.id, read.grid]]), locations, meta);
  return { problems: sortProblems(problems, [read.active]), sheets: [read.active], syncs: read.syncs };
}

function sortProblems(problems: CheckProblem[], order: string[]): CheckProblem[] {
  const pos = (p: CheckProblem) => {
    const m = /^([A-Z]+)(\d+)$/.exec(p.address)!;
    return { sheet: order.indexOf(p.sheet), row: Number(m[2]), col: m[1].length * 100 + m[1].charCodeAt(m[1].length - 1) };
  };
  return problems
    .map((p) => ({ p, k: pos(p) }))
    .sort((a, b) => a.k.sheet - b.k.sheet || a.k.row - b.k.row || a.k.col - b.k.col)
    .map((x) => x.p);
}

/** Selects a problem's cell (activating its sheet): one sync. */
export async function selectProblem(context: Excel.RequestContext, problem: Pick<CheckProblem, 'sheet' | 'address'>): Promise<number> {
  await selectCell(context, problem.sheet, problem.address);
  return 1;
}

// ---------------------------------------------------------------------------------------------------
// 担当者モード (clerk mode): a round workbook, as the department that received it sees it

export interface ClerkRound {
  stamp: RoundStamp;
  /** 今年度の入力: the round year's 実績 cells of the stamp's items, in order. */
  todo: TodoCell[];
  /** 提出前チェック. */
  findings: ClerkFinding[];
  syncs: number;
}

/**
 * The open workbook as a round workbook: its stamp, the cells to fill and the 提出前チェック, from one
 * read (two syncs, every sheet but 一覧). Null when the workbook carries no stamp (or is no evaluation
 * workbook); a damaged stamp is an error saying so, never a quiet fall back to the office's mode.
 */
export async function readClerkRound(context: Excel.RequestContext, file = 'workbook'): Promise<ClerkRound | null> {
  const read = await readWorkbook(context, (s) => s.name !== OVERVIEW_SHEET);
  if (!read.grids.some((g) => g.name === META_SHEET)) return null;
  const stamped = stampOf(readMetadata(read.grids, file));
  if (stamped === null) return null;
  if ('problem' in stamped) throw new PaneError(stamped.problem.ja, stamped.problem.en);
  const { plan, locations } = planFromRead(read, file);
  const { stamp } = stamped;
  const findings = beforeSubmit(plan, stamp, locations);
  return { stamp, todo: clerkTodo(plan, stamp, locations), findings, syncs: read.syncs };
}

// ---------------------------------------------------------------------------------------------------
// 監査: the auditor's recalculation (src/audit) of the open workbook

export interface AuditResult {
  /** The audit as `hyoka audit --json` gives it for a file (status, items, every finding). */
  audit: FileAudit;
  /** Findings with a cell to select, in sheet order (all of audit.problems when readable). */
  findings: Finding[];
  /** Item sheets audited. */
  sheets: number;
  /** KPI-years recalculated. */
  kpiYears: number;
  syncs: number;
}

/**
 * Audits the open workbook: every sheet read as grids in two syncs (names, then every used range's
 * values and formulas), then auditGrids — the same recalculation as `hyoka audit`, on what Excel shows.
 * A workbook that is not an evaluation workbook comes back with status 'unreadable' and why.
 */
export async function auditOpenWorkbook(context: Excel.RequestContext, file = 'workbook'): Promise<AuditResult> {
  const read = await readWorkbook(context);
  const audit = auditGrids(read.grids, file);
  const kpiYears = audit.items.reduce((n, it) => n + it.kpis.reduce((m, k) => m + Object.keys(k.years).length, 0), 0);
  const findings = audit.status === 'unreadable' ? [] : audit.problems;
  return { audit, findings, sheets: audit.items.length, kpiYears, syncs: read.syncs };
}

/** Selects a finding's cell (activating its sheet): one sync. */
export async function selectFinding(context: Excel.RequestContext, finding: Pick<Finding, 'sheet' | 'cell'>): Promise<number> {
  if (!finding.sheet || !finding.cell) return 0;
  await selectCell(context, finding.sheet, finding.cell);
  return 1;
}

// ---------------------------------------------------------------------------------------------------
// 集計: department workbooks picked in the pane → the summary sheets in the open workbook

/**
 * Reads and consolidates the picked department workbooks in the browser (no Excel involved). Loads
 * the xlsx-reader chunk (exceljs) on first use.
 */
export async function parseDepartmentFiles(files: PickedFile[], onProgress?: FileProgress): Promise<ParsedFiles> {
  const { consolidateFiles } = await import(/* webpackChunkName: "xlsx-reader" */ './department-files');
  return consolidateFiles(files, onProgress);
}

/**
 * Writes the summary (実施項目別, 集計, 未達成, 読込結果) into the open workbook, replacing sheets of the
 * same names: 1 sync for the names + 1 per batch (2 in all for the 30-item plan).
 */
export async function writeConsolidation(context: Excel.RequestContext, parsed: ParsedFiles, onProgress?: Progress): Promise<WriteResult & { replaced: string[] }> {
  const report = await writeSummary(context, parsed.summary, onProgress);
  return { sheets: report.sheets, syncs: report.syncs, replaced: report.replaced };
}

// ---------------------------------------------------------------------------------------------------
// 書き出し

export interface ExportResult {
  plan: Plan;
  json: string;
  fileName: string;
  /** What parsePlan says about the plan as read (e.g. text in a qualitative actual): exported anyway. */
  problems: PlanProblem[];
  syncs: number;
}

export async function exportPlan(context: Excel.RequestContext): Promise<ExportResult> {
  const r = await readPlan(context);
  const parsed = parsePlan(r.plan);
  const fileName = `${(r.plan.plan.id || 'plan').replace(/[\\/:*?"<>|]+/g, '_')}.json`;
  return { plan: r.plan, json: `${JSON.stringify(r.plan, null, 2)}\n`, fileName, problems: parsed.ok ? [] : parsed.problems, syncs: r.read.syncs };
}

// ---------------------------------------------------------------------------------------------------

/** The plan after an edit, checked as a plan file would be; problems stop the operation. */
function validated(plan: Plan): Plan {
  const parsed = parsePlan(plan);
  if (parsed.ok) return plan;
  // Problems in data clerks typed (a text actual …) are the check's business, not the edit's.
  const blocking = parsed.problems.filter((p) => !/\.actuals\b/.test(p.path));
  if (blocking.length === 0) return plan;
  throw new ProblemsError(blocking);
}

/** A plan that does not validate: every problem with its JSON path. */
export class ProblemsError extends PaneError {
  constructor(readonly problems: PlanProblem[]) {
    super(`入力に ${problems.length} 件の問題があります`, `${problems.length} problem(s) in the input`);
  }
}

/**
 * Writes the item sheets of the given items, 一覧 and the metadata, replacing the ones in place (they
 * keep their positions). The workbook's sheet names are known from the read: no name-check sync.
 */
async function rewrite(
  context: Excel.RequestContext,
  plan: Plan,
  names: string[],
  read: WorkbookRead,
  itemIds: string[],
  options: { activate?: string; positions?: Record<string, number>; onProgress?: Progress },
): Promise<WriteResult> {
  const layout = layoutFor(plan, names);
  const wanted = new Set(itemIds.map((id) => names[plan.items.findIndex((it) => it.id === id)]));
  const sheets = layout.sheets.filter((s) => s.kind !== 'item' || wanted.has(s.name));
  const hasOverview = read.sheets.some((s) => s.name === OVERVIEW_SHEET);
  const report = await writeWorkbook(context, { title: layout.title, sheets }, options.onProgress, {
    existing: 'replace',
    knownSheets: read.sheets.map((s) => s.name),
    positions: { ...(hasOverview ? {} : { [OVERVIEW_SHEET]: 0 }), ...options.positions },
    activate: options.activate ?? false,
  });
  return { sheets: report.sheets, syncs: report.syncs };
}
