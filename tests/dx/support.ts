// Shared by the DX tests: the seed-004 plan and a clerk's R5 4四半期 typed into it.
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import { Kpi, type Item, type Plan } from '../../src/model/plan';
import { rng } from '../support/plans';
import { effectiveActuals } from '../../src/rules/quarterly';

export const DX_SEED = path.join(__dirname, '..', '..', 'seeds', 'gunma-dx-2021.json');

export function dxPlan(): Promise<Plan> {
  return loadPlanFile(DX_SEED);
}

export function itemOf(plan: Plan, id: string): Item {
  const item = plan.items.find((it) => it.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}

/** The KPI as printed: 「②」 for an active one, 「(②)」 (deleted: true) for a deleted one. */
export function kpiOf(plan: Plan, id: string, printed: number, deleted = false): Kpi {
  const kpi = itemOf(plan, id).kpis.find((k) => !!k.deleted === deleted && (k.printedNo ?? k.no) === printed);
  if (!kpi) throw new Error(`no KPI ${printed} in ${id}`);
  return kpi;
}

/**
 * R5 4四半期 typed as clerks would (numbers near the target, zeros, dashes, some left blank), the text-phase
 * indicator judged, and a few earlier quarters overwritten with dashes and zeros: the formulas meet every case.
 */
export function fillR5(plan: Plan, seed: number): Plan {
  const next = rng(seed);
  const copy: Plan = JSON.parse(JSON.stringify(plan));
  for (const item of copy.items) {
    for (const kpi of item.kpis) {
      const qs = kpi.quarterlyActuals?.R5;
      if (!qs) continue;
      if (kpi.direction === 'qualitative') {
        qs[3] = 'フェーズの確認完了';
        kpi.actuals.R5 = next() < 0.5 ? '達成' : '未達成';
        continue;
      }
      const roll = next();
      const t = typeof kpi.targets.R5 === 'number' ? kpi.targets.R5 : 10;
      qs[3] = roll < 0.1 ? 0 : roll < 0.2 ? '－' : roll < 0.3 ? null : Math.round(t * (0.5 + next()) * 10) / 10;
      if (next() < 0.15) qs[1] = next() < 0.5 ? '—' : 0;
      // What the sheet then computes as the year's figure (and the reader exports).
      kpi.actuals = effectiveActuals(kpi, copy.plan.years);
    }
  }
  return copy;
}

/** A one-item DX plan with the cases the seed lacks (see quarterly-rules.test.ts). */
export function syntheticPlan(): Plan {
  const base = { unit: '件', targets: {}, actuals: {} };
  const kpis: Kpi[] = [
    { ...base, no: 1, name: 'ゼロ目標', direction: 'higher', aggregation: 'level', targets: { R3: 0, R4: 0 }, quarterlyActuals: { R3: [0, 3, 0, 0], R4: [0, null, null, null] } },
    { ...base, no: 2, name: '上限（四半期ごと）', direction: 'lower', aggregation: 'perQuarter', targets: { R3: 40, R4: 40 }, quarterlyActuals: { R3: [10, 12, 9, '－'], R4: [11, 10, null, null] } },
    { ...base, no: 3, name: '前年度以上', direction: 'higher', aggregation: 'level', baseline: 45, targets: { R3: { relative: 'previousActual', label: '前年度以上' }, R4: '前年度以上' }, quarterlyActuals: { R3: [44, 46, 47, 48], R4: [49, 50, null, null] } },
    { ...base, no: 4, name: '未満の上限', unit: '%', direction: 'lower', strict: true, decimals: 1, aggregation: 'level', targets: { R3: 5, R4: '5%未満' }, quarterlyActuals: { R3: [5, 4.6, 5.2, 4.9], R4: [4.8, null, null, null] } },
    { ...base, no: 5, name: '空欄と横線', direction: 'higher', aggregation: 'cumulativeWithinYear', targets: { R3: 10, R4: 10 }, quarterlyActuals: { R3: [null, '—', '未集計', 7] } },
  ].map((k) => Kpi.parse(k));
  for (const k of kpis) k.actuals = effectiveActuals(k, ['R3', 'R4']);
  return {
    version: 1,
    plan: { id: 'dx-synthetic', title: 'DX 合成テスト', prefecture: '', baseYear: 'R2', years: ['R3', 'R4'], layout: 'gunma-dx' },
    kgis: [],
    items: [
      {
        id: '1-1-1', goal: { no: 1, name: '目標' }, reform: { no: 1, name: '改革' }, no: 1, title: '合成', leadDept: '課', relatedDepts: '', dataUtilization: false,
        situation: '', problems: '', reformContent: '方向性', kpis, referenceIndicators: [], schedule: [], evaluations: {},
      },
    ],
  };
}
