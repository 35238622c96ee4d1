// Plans the tests share: the bundled Gunma plan and a seeded random filler for "clerk typing".
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';

export const REPO = path.join(__dirname, '..', '..');
export const BUNDLED = path.join(REPO, 'seeds', 'gunma-2020.json');

export function bundledPlan(): Promise<Plan> {
  return loadPlanFile(BUNDLED);
}

/** Small deterministic PRNG (mulberry32), so a failing run can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills every empty actual of the plan's years as a clerk might: numbers near the target, zeros, dashes, 達成/未達成. */
export function fillActuals(plan: Plan, seed: number): Plan {
  const next = rng(seed);
  const copy: Plan = JSON.parse(JSON.stringify(plan));
  for (const item of copy.items) {
    for (const kpi of item.kpis) {
      for (const y of copy.plan.years) {
        if (kpi.actuals[y] !== undefined) continue;
        const roll = next();
        if (kpi.direction === 'qualitative') {
          if (roll < 0.8) kpi.actuals[y] = roll < 0.5 ? '達成' : '未達成';
          continue;
        }
        const t = kpi.targets[y];
        const base = typeof t === 'number' ? t : typeof kpi.baseline === 'number' ? kpi.baseline : 10;
        if (roll < 0.05) kpi.actuals[y] = 0;
        else if (roll < 0.08) kpi.actuals[y] = '－';
        else if (roll < 0.9) kpi.actuals[y] = Math.round(base * (0.5 + next()) * 100) / 100;
        // else: left blank (not yet reported)
      }
    }
  }
  return copy;
}
