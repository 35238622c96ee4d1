// Rollups of 達成件数 per 目標, 改革, 所属 and ＫＧＩ: sums of achieved / evaluated KPI-years.
import type { Plan } from '../model/plan';
import type { ItemResult, PlanResult } from './evaluate';
import { excelValue } from './round';

export type RollupKind = 'goal' | 'reform' | 'dept' | 'kgi' | 'plan';

export interface RollupYear {
  achieved: number;
  evaluated: number;
  missing: number;
  /** achieved / evaluated × 100, null when nothing is evaluated. */
  rate: number | null;
}

export interface RollupRow {
  kind: RollupKind;
  key: string;
  label: string;
  itemIds: string[];
  years: Record<string, RollupYear>;
}

function emptyYears(years: string[]): Record<string, RollupYear> {
  return Object.fromEntries(years.map((y) => [y, { achieved: 0, evaluated: 0, missing: 0, rate: null }]));
}

function finish(row: RollupRow): RollupRow {
  for (const y of Object.values(row.years)) y.rate = y.evaluated === 0 ? null : excelValue((y.achieved / y.evaluated) * 100);
  return row;
}

export function rollup(plan: Plan, result: PlanResult): RollupRow[] {
  const years = plan.plan.years;
  const rows = new Map<string, RollupRow>();
  const rowFor = (kind: RollupKind, key: string, label: string): RollupRow => {
    const id = `${kind}:${key}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { kind, key, label, itemIds: [], years: emptyYears(years) }));
    return row;
  };
  const addItem = (row: RollupRow, itemId: string, itemResult: ItemResult) => {
    if (!row.itemIds.includes(itemId)) row.itemIds.push(itemId);
    for (const y of years) {
      const c = itemResult.counts[y];
      row.years[y].achieved += c.achieved;
      row.years[y].evaluated += c.evaluated;
      row.years[y].missing += c.missing;
    }
  };
  plan.items.forEach((item, index) => {
    const r = result.items[index];
    addItem(rowFor('plan', plan.plan.id, plan.plan.title), item.id, r);
    addItem(rowFor('goal', String(item.goal.no), item.goal.name), item.id, r);
    addItem(rowFor('reform', String(item.reform.no), item.reform.name), item.id, r);
    for (const dept of splitDepts(item.leadDept)) addItem(rowFor('dept', dept, dept), item.id, r);
    // KGI rollup counts KPI-years, not items: only the KPIs that roll up to the KGI.
    r.kpis.forEach((kpi) => {
      if (kpi.kgi === null) return;
      const name = plan.kgis.find((k) => k.no === kpi.kgi)?.name ?? `ＫＧＩ${kpi.kgi}`;
      const row = rowFor('kgi', String(kpi.kgi), name);
      if (!row.itemIds.includes(item.id)) row.itemIds.push(item.id);
      for (const y of years) {
        const ky = kpi.years[y];
        if (ky.achieved !== null) {
          row.years[y].evaluated += 1;
          if (ky.achieved) row.years[y].achieved += 1;
        } else if (ky.status === 'noActual' || ky.status === 'invalid') row.years[y].missing += 1;
      }
    });
  });
  const order: RollupKind[] = ['plan', 'goal', 'reform', 'dept', 'kgi'];
  return [...rows.values()]
    .map(finish)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.key.localeCompare(b.key, 'ja', { numeric: true }));
}

/** 取組所属 may list several departments, separated by 、 or line breaks. */
export function splitDepts(text: string): string[] {
  return [...new Set(text.split(/[、,\n]/).map((s) => s.trim()).filter(Boolean))];
}
