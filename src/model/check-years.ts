// Years across a plan (spec EVALUATION-SHEET.md §2): the plan years are consecutive fiscal years, oldest
// first, each once, after the base year (基準年); every year used as a key (targets, actuals, evaluations,
// the schedule, deleted.from …) is one of the plan years — anything else vanishes when the sheet is built.
// The schema has already made every year canonical (R1, never R元 or H31).
import { fiscalYearNumber, fiscalYearRange } from './fiscal-year';
import type { Item, PlanHeader } from './plan';
import { collector, type PathPart, type PlanProblem } from './issues';

/**
 * Problems with plan.baseYear and plan.years; none means the years can be relied on. One root cause, one
 * problem: a repeat is not also reported as disorder, and gaps are only looked for once the order is right.
 */
export function headerYearProblems(header: PlanHeader): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = collector(problems, ['plan']);
  const { years, baseYear } = header;
  const seen = new Map<string, number>();
  const distinct: { y: string; i: number }[] = [];
  years.forEach((y, i) => {
    const first = seen.get(y);
    if (first === undefined) {
      seen.set(y, i);
      distinct.push({ y, i });
    } else {
      add(['years', i], `年度 ${y} が plan.years[${first}] と重複しています`, `year ${y} repeats plan.years[${first}]`);
    }
  });
  const steps = distinct.slice(1).map(({ y, i }, n) => {
    const prev = distinct[n].y;
    return { y, i, prev, step: fiscalYearNumber(y) - fiscalYearNumber(prev) };
  });
  const disorder = steps.filter((s) => s.step < 0);
  for (const { y, i, prev } of disorder) {
    add(['years', i], `年度は古い順に並べます: ${y} が ${prev} の後にあります`, `years go oldest first: ${y} comes after ${prev}`);
  }
  for (const { y, i, prev } of disorder.length ? [] : steps.filter((s) => s.step > 1)) {
    const missing = fiscalYearRange(prev, y).slice(1, -1).join('・');
    add(
      ['years', i],
      `${prev} と ${y} の間の年度（${missing}）が抜けています。計画年度は連続します`,
      `the years between ${prev} and ${y} (${missing}) are missing: plan years are consecutive`,
    );
  }
  if (years.length > 0 && fiscalYearNumber(baseYear) >= fiscalYearNumber(years[0])) {
    add(
      ['baseYear'],
      `基準年 ${baseYear} は最初の計画年度 ${years[0]} より前の年度です`,
      `the base year ${baseYear} must come before the first plan year ${years[0]}`,
    );
  }
  return problems;
}

/** Years keyed in an item that are not plan years (the header's years already checked). */
export function itemYearProblems(item: Item, itemIndex: number, header: PlanHeader): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = collector(problems, ['items', itemIndex]);
  const planYears = new Set(header.years);
  const span = `${header.years[0]}〜${header.years[header.years.length - 1]}`;
  const year = (y: string, path: PathPart[]) => {
    if (planYears.has(y)) return;
    if (y === header.baseYear) {
      add(
        path,
        `${y} は基準年で、計画年度（${span}）ではありません。基準年の実績は baseline に書きます`,
        `${y} is the base year, not a plan year (${span}); the base year's figure goes in baseline`,
      );
    } else {
      add(path, `年度 ${y} は計画の年度（${span}）にありません`, `year ${y} is not one of the plan years (${span})`);
    }
  };
  const keys = (record: Record<string, unknown> | undefined, path: PathPart[]) => {
    for (const y of Object.keys(record ?? {})) year(y, [...path, y]);
  };
  item.kpis.forEach((kpi, k) => {
    const at = ['kpis', k];
    keys(kpi.targets, [...at, 'targets']);
    keys(kpi.actuals, [...at, 'actuals']);
    keys(kpi.quarterlyActuals, [...at, 'quarterlyActuals']);
    if (kpi.deleted) year(kpi.deleted.from, [...at, 'deleted', 'from']);
    kpi.revisions?.forEach((r, n) => year(r.year, [...at, 'revisions', n, 'year']));
  });
  item.referenceIndicators.forEach((ref, r) => keys(ref.actuals, ['referenceIndicators', r, 'actuals']));
  item.schedule.forEach((task, t) => {
    for (const field of ['plan', 'result', 'planNotes', 'resultNotes', 'yearNotes'] as const) {
      keys(task[field], ['schedule', t, field]);
    }
  });
  keys(item.evaluations, ['evaluations']);
  item.expectedEffects?.forEach((effect, e) => keys(effect.values, ['expectedEffects', e, 'values']));
  keys(item.highlights, ['highlights']);
  return problems;
}
