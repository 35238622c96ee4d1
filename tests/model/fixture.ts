// A small plan as JSON input (the shape a plan file has), for the validate tests to break one field at a time.
import { parsePlan, type PlanProblem } from '../../src/model/validate';

export type Json = Record<string, any>;

export function kpiInput(extra: Json = {}): Json {
  const figures = { baseline: 7, targets: { R2: 14.1, R3: 32.1 }, actuals: { R2: 8.3 } };
  return { no: 1, name: '行政手続電子化率', unit: '％', direction: 'higher', ...figures, ...extra };
}

export function itemInput(extra: Json = {}): Json {
  const tree = { goal: { no: 1, name: '目標' }, reform: { no: 1, name: '改革' } };
  return { id: '1-1-1', ...tree, no: 1, title: '電子申請', kpis: [kpiInput()], ...extra };
}

export function planInput(options: { header?: Json; items?: Json[] } = {}): Json {
  return {
    version: 1,
    plan: { id: 'test', title: 'テスト計画', baseYear: 'R1', years: ['R2', 'R3', 'R4'], ...options.header },
    items: options.items ?? [itemInput()],
  };
}

/** The problems parsePlan reports (none when the plan is valid). */
export function problemsOf(data: unknown): PlanProblem[] {
  const r = parsePlan(data);
  return r.ok ? [] : r.problems;
}

export function pathsOf(data: unknown): string[] {
  return problemsOf(data).map((p) => p.path);
}
