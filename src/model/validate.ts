// Validation of a plan: its shape (piece by piece), its years, its figures as the engine reads them, and
// Excel's limits on the workbook it makes. Every problem with its JSON path, in Japanese and English;
// one root cause gives one problem (checks that depend on a broken part are skipped, not repeated).
import type { Item, Plan as PlanType, PlanHeader } from './plan';
import { headerYearProblems, itemYearProblems } from './check-years';
import { kpiValueProblems, referenceValueProblems } from './check-values';
import { excelLimitProblems } from './excel-limits';
import { collector, type PlanProblem } from './issues';
import { parsePlanPieces } from './parse-pieces';

export { jsonPath, type PlanProblem } from './issues';

/** At most this many problems are listed; a last one says how many more there are. */
export const MAX_PROBLEMS = 200;

/** The id of each item as written, also of items that did not parse (a repeated id is still a repeat). */
function rawIds(data: unknown): (string | undefined)[] {
  const items = (data as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  });
}

/** Unique ids and numbers, and references that point somewhere. */
function identityProblems(
  ids: (string | undefined)[],
  items: (Item | undefined)[],
  kgis: PlanType['kgis'],
  problems: PlanProblem[],
): void {
  const add = collector(problems, []);
  const seenIds = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const first = seenIds.get(id);
    if (first === undefined) {
      seenIds.set(id, i);
      return;
    }
    add(['items', i, 'id'], `実施項目の id「${id}」が items[${first}] と重複しています`, `item id "${id}" repeats items[${first}]`);
  });
  const kgiNos = new Set(kgis.map((k) => k.no));
  items.forEach((item, i) => {
    const kpiNos = new Set<number>();
    item?.kpis.forEach((kpi, k) => {
      if (kpiNos.has(kpi.no)) add(['items', i, 'kpis', k, 'no'], `取組目標の番号 ${kpi.no} が重複しています`, `KPI number ${kpi.no} repeats`);
      kpiNos.add(kpi.no);
      if (kpi.kgi != null && kgiNos.size > 0 && !kgiNos.has(kpi.kgi)) add(['items', i, 'kpis', k, 'kgi'], `ＫＧＩ ${kpi.kgi} は kgis にありません`, `KGI ${kpi.kgi} is not in kgis`);
    });
    // 関連目標 may name indicators the sheet lists as 参考指標 (seed 001 sheet 16): kept as printed, not an error.
  });
}

/** The checks beyond the shape, on every item that has one; `header` only when its years are sound. */
function contentProblems(items: (Item | undefined)[], header: PlanHeader | undefined): PlanProblem[] {
  const problems: PlanProblem[] = [];
  items.forEach((item, i) => {
    if (!item) return;
    if (header) for (const p of itemYearProblems(item, i, header)) problems.push(p);
    item.kpis.forEach((kpi, k) => {
      for (const p of kpiValueProblems(kpi, ['items', i, 'kpis', k], header)) problems.push(p);
    });
    item.referenceIndicators.forEach((ref, r) => {
      for (const p of referenceValueProblems(ref, ['items', i, 'referenceIndicators', r])) problems.push(p);
    });
  });
  return problems;
}

/** The first MAX_PROBLEMS problems, and one more saying how many were left out. */
export function boundProblems(problems: PlanProblem[], max = MAX_PROBLEMS): PlanProblem[] {
  if (problems.length <= max) return problems;
  const more = problems.length - max;
  const rest = {
    ja: `ほか ${more} 件の問題があります（最初の ${max} 件を表示）`,
    en: `and ${more} more problem(s) (the first ${max} are listed)`,
  };
  return [...problems.slice(0, max), { path: '$', ...rest }];
}

export type ParseResult = { ok: true; plan: PlanType } | { ok: false; problems: PlanProblem[] };

export function parsePlan(data: unknown): ParseResult {
  const pieces = parsePlanPieces(data);
  const problems = pieces.problems;
  const yearProblems = pieces.header ? headerYearProblems(pieces.header) : [];
  for (const p of yearProblems) problems.push(p);
  const header = yearProblems.length === 0 ? pieces.header : undefined;
  identityProblems(rawIds(data), pieces.items, pieces.plan?.kgis ?? [], problems);
  for (const p of contentProblems(pieces.items, header)) problems.push(p);
  if (pieces.plan && header) {
    // The workbook is built only from a plan whose shape and years are sound (their problems would cascade here).
    for (const p of excelLimitProblems(pieces.plan)) problems.push(p);
  }
  if (problems.length > 0 || !pieces.plan) return { ok: false, problems: boundProblems(problems) };
  return { ok: true, plan: pieces.plan };
}
