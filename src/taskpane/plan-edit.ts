// Plan edits the task pane makes: a new item from the short form, a KPI added to an item, a fiscal
// year added to the plan. Pure functions on the plan (v1); the sheets are re-rendered from the result,
// so every value stays with its KPI and year and every formula is rebuilt for the new rows/columns.
import type { Direction, Item, Kpi, Plan, TargetValue } from '../model/plan';
import { compareFiscalYears, fiscalYearRange, isCanonicalFiscalYear, parseFiscalYear } from '../model/fiscal-year';
import { PaneError } from './errors';

/** What the form says about one KPI. Targets are typed text per year ('' = none). */
export interface KpiForm {
  name: string;
  unit: string;
  direction: Direction;
  kgi?: number | null;
  baseline?: string;
  targets: Record<string, string>;
}

export interface ItemForm {
  goal: { no: number; name: string };
  reform: { no: number; name: string };
  title: string;
  leadDept: string;
  relatedDepts?: string;
  kpis: KpiForm[];
}

/** A new plan's header, when the workbook has none yet. */
export interface PlanForm {
  title: string;
  baseYear: string;
  firstYear: string;
  lastYear: string;
}

const MAX_KPIS = 20; // ① … ⑳
const MAX_YEARS = 12;

/** A typed number ('1,200', '１２．５', '▲3') becomes a number; anything else stays text. */
export function typedValue(text: string): number | string | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return undefined;
  const n = t.replace(/,/g, '').replace(/^[▲△]/, '-');
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n)) return Number(n);
  return text.trim();
}

function targetsOf(form: KpiForm, years: string[]): Record<string, TargetValue> {
  const out: Record<string, TargetValue> = {};
  for (const y of years) {
    const v = typedValue(form.targets[y] ?? '');
    if (v !== undefined) out[y] = v;
  }
  return out;
}

export function kpiFromForm(form: KpiForm, no: number, years: string[]): Kpi {
  const baseline = typedValue(form.baseline ?? '');
  return {
    no,
    name: form.name.trim(),
    unit: form.unit.trim(),
    direction: form.direction,
    ...(form.kgi != null ? { kgi: form.kgi } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    targets: targetsOf(form, years),
    actuals: {},
  } as Kpi;
}

/** The plan with one more KPI on the given item (numbered after the last one). */
export function addKpi(plan: Plan, itemId: string, form: KpiForm): { plan: Plan; kpi: Kpi } {
  const index = plan.items.findIndex((it) => it.id === itemId);
  if (index < 0) throw new PaneError(`実施項目 ${itemId} が計画にありません`, `item ${itemId} is not in the plan`);
  const item = plan.items[index];
  const no = Math.max(0, ...item.kpis.map((k) => k.no)) + 1;
  if (no > MAX_KPIS) throw new PaneError(`指標は ${MAX_KPIS} 個（①〜⑳）までです`, `an item has at most ${MAX_KPIS} KPIs (① to ⑳)`);
  const kpi = kpiFromForm(form, no, plan.plan.years);
  const items = plan.items.slice();
  items[index] = { ...item, kpis: [...item.kpis, kpi] };
  return { plan: { ...plan, items }, kpi };
}

/** The plan with one more fiscal year, in order. Every item sheet gets its columns. */
export function addYear(plan: Plan, yearText: string): { plan: Plan; year: string } {
  const year = parseFiscalYear(yearText);
  if (!year || !isCanonicalFiscalYear(year))
    throw new PaneError(`「${yearText}」は年度として読めません（例: R7、令和7年度、2025）`, `"${yearText}" is not a fiscal year (e.g. R7, 令和7年度, 2025)`);
  const years = plan.plan.years;
  if (years.includes(year)) throw new PaneError(`${year} は既に計画の年度です`, `${year} is already one of the plan's years`);
  if (compareFiscalYears(year, plan.plan.baseYear) <= 0)
    throw new PaneError(`${year} は基準年（${plan.plan.baseYear}）より後の年度にしてください`, `${year} must come after the base year (${plan.plan.baseYear})`);
  if (years.length >= MAX_YEARS) throw new PaneError(`年度は ${MAX_YEARS} 年度までです`, `a plan has at most ${MAX_YEARS} years`);
  const next = [...years, year].sort(compareFiscalYears);
  return { plan: { ...plan, plan: { ...plan.plan, years: next } }, year };
}

/** The year after the plan's last one (what the form suggests). */
export function nextYearOf(years: string[]): string {
  const last = years[years.length - 1];
  const n = Number(last.slice(1));
  return last.startsWith('H') && n >= 30 ? 'R1' : `${last[0]}${n + 1}`;
}

function itemId(plan: Plan | null, form: ItemForm, no: number): string {
  const taken = new Set(plan?.items.map((it) => it.id) ?? []);
  const base = `${form.goal.no}-${form.reform.no}-${no}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function itemFromForm(form: ItemForm, plan: Plan | null, years: string[]): Item {
  const no = Math.max(0, ...(plan?.items.map((it) => it.no) ?? [])) + 1;
  if (form.kpis.length > MAX_KPIS) throw new PaneError(`指標は ${MAX_KPIS} 個（①〜⑳）までです`, `an item has at most ${MAX_KPIS} KPIs (① to ⑳)`);
  return {
    id: itemId(plan, form, no),
    goal: { no: form.goal.no, name: form.goal.name.trim() },
    reform: { no: form.reform.no, name: form.reform.name.trim() },
    no,
    title: form.title.trim(),
    leadDept: form.leadDept.trim(),
    relatedDepts: (form.relatedDepts ?? '').trim(),
    dataUtilization: false,
    situation: '',
    problems: '',
    reformContent: '',
    kpis: form.kpis.map((k, i) => kpiFromForm(k, i + 1, years)),
    referenceIndicators: [],
    schedule: [],
    evaluations: {},
  };
}

/** The years a new plan covers: first to last (both included). */
export function planYears(form: PlanForm): string[] {
  const first = parseFiscalYear(form.firstYear);
  const last = parseFiscalYear(form.lastYear);
  if (!first) throw new PaneError(`開始年度「${form.firstYear}」が読めません（例: R2）`, `cannot read the first year "${form.firstYear}" (e.g. R2)`);
  if (!last) throw new PaneError(`最終年度「${form.lastYear}」が読めません（例: R6）`, `cannot read the last year "${form.lastYear}" (e.g. R6)`);
  const years = fiscalYearRange(first, last);
  if (years.length === 0) throw new PaneError('最終年度は開始年度より後にしてください', 'the last year must not come before the first year');
  if (years.length > MAX_YEARS) throw new PaneError(`年度は ${MAX_YEARS} 年度までです`, `a plan has at most ${MAX_YEARS} years`);
  return years;
}

/** A plan with one item, for a workbook that has none yet. */
export function newPlan(planForm: PlanForm, form: ItemForm): Plan {
  const years = planYears(planForm);
  const baseYear = parseFiscalYear(planForm.baseYear);
  if (!baseYear) throw new PaneError(`基準年「${planForm.baseYear}」が読めません（例: R1）`, `cannot read the base year "${planForm.baseYear}" (e.g. R1)`);
  const item = itemFromForm(form, null, years);
  return {
    version: 1,
    plan: { id: 'plan', title: planForm.title.trim() || '実施計画', prefecture: '', baseYear, years },
    kgis: [],
    items: [item],
  };
}

/** The plan with the form's item added after the others. */
export function addItem(plan: Plan, form: ItemForm): { plan: Plan; item: Item } {
  const item = itemFromForm(form, plan, plan.plan.years);
  return { plan: { ...plan, items: [...plan.items, item] }, item };
}
