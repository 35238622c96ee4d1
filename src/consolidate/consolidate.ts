// The reform office's consolidation: read every department workbook, evaluate it with the rules
// engine, and merge the items into one plan-wide view (items, rollups, misses, what each file gave).
// A file that cannot be read is reported with its name and why, and the batch goes on; the same
// item id in two files is reported with both names (the first kept, the later one left out). Files of
// another plan are skipped with why, never taken or called duplicates (the plan is the first read file's,
// or the one chosen with planId); an input the engine cannot evaluate is listed at its cell.
import type { Item, Plan, PlanHeader } from '../model/plan';
import { compareFiscalYears } from '../model/fiscal-year';
import { evaluateItem, type CountResult, type ItemResult, type KpiYearResult, type PlanResult } from '../rules/evaluate';
import { rollup } from '../rules/rollup';
import type { Locations } from '../xlsx/read';
import { describeReadError, readDepartmentWorkbook, SkippedFile, type DepartmentWorkbook } from './source';
import type { Consolidation, FileReport, InputProblem, ItemRow, Message, MissRow, Totals } from './types';

type Kgi = Plan['kgis'][number];

export interface ConsolidateOptions {
  /** Called after each file, read or not. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** How a file is read (default: readDepartmentWorkbook). */
  read?: (file: string) => Promise<DepartmentWorkbook>;
  /** The plan to consolidate (hyoka consolidate --plan); default: the plan of the first file read. */
  planId?: string;
}

interface Taken {
  item: Item;
  result: ItemResult;
  file: string;
  sheet: string;
  locations: Locations;
}

const byItemOrder = (a: Item, b: Item) => a.no - b.no || a.id.localeCompare(b.id, 'ja', { numeric: true });

const blankYear = (): KpiYearResult => ({ target: null, actual: null, rate: null, display: null, achieved: null, status: 'noTarget' });
const blankCount = (): CountResult => ({ achieved: 0, evaluated: 0, missing: 0, status: 'notEvaluated', display: null });

/** An item the engine could not evaluate still appears, with nothing evaluated. */
function unevaluated(item: Item, years: string[]): ItemResult {
  return {
    id: item.id,
    title: item.title,
    kpis: item.kpis.map((k) => ({ no: k.no, name: k.name, direction: k.direction, kgi: k.kgi ?? null, years: Object.fromEntries(years.map((y) => [y, blankYear()])) })),
    counts: Object.fromEntries(years.map((y) => [y, blankCount()])),
  };
}

/** Years a file's plan does not have (files from plans with other years) are blank, never missing. */
function padYears(result: ItemResult, years: string[]): ItemResult {
  return {
    ...result,
    kpis: result.kpis.map((k) => ({ ...k, years: Object.fromEntries(years.map((y) => [y, k.years[y] ?? blankYear()])) })),
    counts: Object.fromEntries(years.map((y) => [y, result.counts[y] ?? blankCount()])),
  };
}

export async function consolidate(files: string[], options: ConsolidateOptions = {}): Promise<Consolidation> {
  const read = options.read ?? readDepartmentWorkbook;
  const reports: FileReport[] = [];
  const taken = new Map<string, Taken>();
  const kgis = new Map<number, Kgi>();
  const years = new Set<string>();
  let header: PlanHeader | null = null;

  for (const [index, file] of files.entries()) {
    const report: FileReport = { file, status: 'read', planId: null, items: [], duplicates: [], problem: null, notes: [], inputProblems: [] };
    reports.push(report);
    try {
      const dept = await read(file);
      const plan = dept.plan;
      report.planId = plan.plan.id;
      const chosen = options.planId ?? header?.id ?? plan.plan.id;
      if (plan.plan.id !== chosen) {
        report.status = 'skipped';
        report.problem = { ...otherPlan(plan.plan.id, chosen, options.planId !== undefined), sheet: null, cell: null };
        continue;
      }
      const results = plan.items.map((item) => {
        try {
          return evaluateItem(item, plan.plan);
        } catch (e) {
          report.notes.push({
            ja: `実施項目 ${item.id} を評価できません（達成率は空欄）: ${(e as Error).message}`,
            en: `item ${item.id} could not be evaluated (rates left blank): ${(e as Error).message}`,
          });
          return unevaluated(item, plan.plan.years);
        }
      });
      header ??= plan.plan;
      report.inputProblems = inputProblems(plan.items, results, dept.locations);
      plan.plan.years.forEach((y) => years.add(y));
      for (const k of plan.kgis) if (!kgis.has(k.no)) kgis.set(k.no, k);
      plan.items.forEach((item, i) => {
        const first = taken.get(item.id);
        if (first) {
          report.duplicates.push({ id: item.id, title: item.title, keptFrom: first.file, identical: JSON.stringify(first.item) === JSON.stringify(item) });
          return;
        }
        const sheet = dept.sheets[item.id] ?? Object.values(Object.values(dept.locations[item.id] ?? {})[0] ?? {})[0]?.sheet ?? '';
        taken.set(item.id, { item, result: results[i], file, sheet, locations: dept.locations });
        report.items.push(item.id);
      });
      if (report.duplicates.length) report.status = 'duplicates';
    } catch (e) {
      if (e instanceof SkippedFile) {
        report.status = 'skipped';
        report.problem = { ja: e.ja, en: e.en, sheet: null, cell: null };
      } else {
        report.status = 'unreadable';
        report.problem = describeReadError(e);
      }
    } finally {
      options.onProgress?.(index + 1, files.length, file);
    }
  }

  const yearList = [...years].sort(compareFiscalYears);
  const entries = [...taken.values()].sort((a, b) => byItemOrder(a.item, b.item));
  const items = entries.map((e) => itemRow(e, yearList));
  const misses = missRows(items, yearList);
  let rollups: Consolidation['rollups'] = [];
  if (header) {
    const merged: Plan = {
      version: 1,
      plan: { ...header, years: yearList },
      kgis: [...kgis.values()].sort((a, b) => a.no - b.no),
      items: entries.map((e) => e.item),
    };
    const result: PlanResult = { items: entries.map((e) => padYears(e.result, yearList)) };
    rollups = rollup(merged, result);
  }
  const totals: Totals = {
    files: reports.length,
    read: reports.filter((r) => r.status === 'read' || r.status === 'duplicates').length,
    unreadable: reports.filter((r) => r.status === 'unreadable').length,
    skipped: reports.filter((r) => r.status === 'skipped').length,
    items: items.length,
    kpis: items.reduce((n, it) => n + it.kpis.length, 0),
    duplicates: reports.reduce((n, r) => n + r.duplicates.length, 0),
    misses: misses.length,
    inputProblems: reports.reduce((n, r) => n + r.inputProblems.length, 0),
  };
  return {
    version: 1,
    plan: header ? { id: header.id, title: header.title, years: yearList } : null,
    totals,
    files: reports,
    items,
    rollups,
    misses,
  };
}

function otherPlan(id: string, chosen: string, explicit: boolean): Message {
  const how = explicit ? '' : `。この計画を集計するには --plan ${id} を指定してください`;
  const howEn = explicit ? '' : `; to consolidate that plan, give --plan ${id}`;
  return {
    ja: `別の計画（${id}）のワークブックです。集計している計画は ${chosen} です${how}`,
    en: `a workbook of another plan (${id}); this consolidation is of ${chosen}${howEn}`,
  };
}

/** Every KPI-year whose input the engine cannot evaluate, at the cell the clerk typed it in. */
function inputProblems(items: Item[], results: ItemResult[], locations: Locations): InputProblem[] {
  return items.flatMap((item, i) =>
    results[i].kpis.flatMap((k) =>
      Object.entries(k.years).flatMap(([year, r]) => {
        if (r.status !== 'invalid') return [];
        const at = locations[item.id]?.[k.no]?.[year];
        const place = { itemId: item.id, kpiNo: k.no, year, sheet: at?.sheet ?? null, cell: at?.actual ?? null };
        return (r.problems ?? []).map((p) => ({ ...place, ja: p.ja, en: p.en }));
      }),
    ),
  );
}

function itemRow(e: Taken, years: string[]): ItemRow {
  const { item, file, sheet, locations } = e;
  const result = padYears(e.result, years);
  return {
    id: item.id,
    no: item.no,
    title: item.title,
    dept: item.leadDept,
    relatedDepts: item.relatedDepts,
    goal: { no: item.goal.no, name: item.goal.name },
    reform: { no: item.reform.no, name: item.reform.name },
    file,
    sheet,
    counts: Object.fromEntries(
      years.map((y) => {
        const c = result.counts[y];
        return [y, { achieved: c.achieved, evaluated: c.evaluated, missing: c.missing, status: c.status, display: c.display }];
      }),
    ),
    kpis: result.kpis.map((k, i) => ({
      no: k.no,
      name: k.name,
      unit: item.kpis[i]?.unit ?? '',
      kgi: k.kgi,
      direction: k.direction,
      years: Object.fromEntries(
        years.map((y) => {
          const r = k.years[y];
          return [y, { target: r.target, actual: r.actual, rate: r.rate, display: r.display, achieved: r.achieved, status: r.status, cell: locations[item.id]?.[k.no]?.[y]?.rate ?? null }];
        }),
      ),
    })),
    evaluations: item.evaluations,
  };
}

/** Every KPI-year not achieved, by year, then in plan order. */
function missRows(items: ItemRow[], years: string[]): MissRow[] {
  const rows: MissRow[] = [];
  for (const year of years) {
    for (const item of items) {
      for (const k of item.kpis) {
        const r = k.years[year];
        if (r.achieved !== false) continue;
        rows.push({
          year,
          itemId: item.id,
          itemNo: item.no,
          title: item.title,
          dept: item.dept,
          goal: item.goal,
          kpiNo: k.no,
          kpiName: k.name,
          unit: k.unit,
          target: r.target,
          actual: r.actual,
          rate: r.rate,
          display: r.display,
          factors: item.evaluations[year]?.factors ?? '',
          nextYearIssues: item.evaluations[year]?.nextYearIssues ?? '',
          file: item.file,
          sheet: item.sheet,
          cell: r.cell,
        });
      }
    }
  }
  return rows;
}
