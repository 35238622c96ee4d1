// Validation of a plan beyond its shape: every problem with its JSON path, in Japanese and English.
import type { z } from 'zod';
import { Plan, type Plan as PlanType } from './plan';

export interface PlanProblem {
  /** JSONPath-like location, e.g. $.items[3].kpis[0].direction */
  path: string;
  ja: string;
  en: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('');
}

const TYPE_JA: Record<string, string> = { string: '文字列', number: '数値', boolean: '真偽値', object: 'オブジェクト', array: '配列', null: 'null', undefined: '未指定' };

/** zod's issue, told in both languages. */
function describeIssue(issue: z.core.$ZodIssue): { ja: string; en: string } {
  const [customJa, customEn] = issue.message.includes(' / ') ? issue.message.split(' / ').reverse() : [undefined, undefined];
  if (customJa && customEn) return { ja: customJa, en: customEn };
  switch (issue.code) {
    case 'invalid_type': {
      const got = (issue as { input?: unknown }).input;
      const gotType = got === undefined ? 'undefined' : got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
      const expected = String(issue.expected);
      return gotType === 'undefined'
        ? { ja: `必須の項目がありません（${TYPE_JA[expected] ?? expected}）`, en: `required ${expected} is missing` }
        : { ja: `${TYPE_JA[expected] ?? expected}でなければなりません（${TYPE_JA[gotType] ?? gotType}が書かれています）`, en: `expected ${expected}, got ${gotType}` };
    }
    case 'invalid_value':
      return { ja: `次のいずれかでなければなりません: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, en: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'unrecognized_keys':
      return { ja: `不明な項目です: ${issue.keys.join(', ')}（名前の綴りを確認してください）`, en: `unknown field(s): ${issue.keys.join(', ')} (check the spelling)` };
    case 'too_small':
      return { ja: `小さすぎるか短すぎます（最小 ${String(issue.minimum)}）`, en: `too small or too short (minimum ${String(issue.minimum)})` };
    case 'too_big':
      return { ja: `大きすぎるか長すぎます（最大 ${String(issue.maximum)}）`, en: `too big or too long (maximum ${String(issue.maximum)})` };
    case 'invalid_union':
      return { ja: '値の形が正しくありません（数値、文字列、または {"relative":"previousActual"}）', en: 'value has the wrong shape (number, string, or {"relative":"previousActual"})' };
    default:
      return { ja: `値が正しくありません: ${issue.message}`, en: issue.message };
  }
}

/** Checks that span fields: unique ids and numbers, references that point somewhere, years the plan has. */
function crossCheck(plan: PlanType): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: (string | number)[], ja: string, en: string) => problems.push({ path: jsonPath(path), ja, en });
  const years = new Set([plan.plan.baseYear, ...plan.plan.years]);
  const seenIds = new Map<string, number>();
  const kgiNos = new Set(plan.kgis.map((k) => k.no));
  if (new Set(plan.plan.years).size !== plan.plan.years.length) add(['plan', 'years'], '年度が重複しています', 'a year is listed twice');
  plan.items.forEach((item, i) => {
    const first = seenIds.get(item.id);
    if (first !== undefined) add(['items', i, 'id'], `実施項目の id「${item.id}」が items[${first}] と重複しています`, `item id "${item.id}" repeats items[${first}]`);
    else seenIds.set(item.id, i);
    const kpiNos = new Set<number>();
    item.kpis.forEach((kpi, k) => {
      if (kpiNos.has(kpi.no)) add(['items', i, 'kpis', k, 'no'], `取組目標の番号 ${kpi.no} が重複しています`, `KPI number ${kpi.no} repeats`);
      kpiNos.add(kpi.no);
      if (kpi.kgi != null && kgiNos.size > 0 && !kgiNos.has(kpi.kgi)) add(['items', i, 'kpis', k, 'kgi'], `ＫＧＩ ${kpi.kgi} は kgis にありません`, `KGI ${kpi.kgi} is not in kgis`);
      for (const field of ['targets', 'actuals'] as const) {
        for (const y of Object.keys(kpi[field])) {
          if (!years.has(y)) add(['items', i, 'kpis', k, field, y], `年度 ${y} は計画の年度（${[...years].join('・')}）にありません`, `year ${y} is not one of the plan's years`);
        }
      }
      if (kpi.direction === 'qualitative') {
        for (const [y, v] of Object.entries(kpi.actuals)) {
          if (typeof v !== 'string' || !['達成', '未達成', '－', 'ー', '-', '―', '—'].includes(v.trim()))
            add(['items', i, 'kpis', k, 'actuals', y], `定性指標の実績は「達成」か「未達成」です（${JSON.stringify(v)}）`, `a qualitative KPI's actual is 達成 or 未達成, not ${JSON.stringify(v)}`);
        }
      }
      if (kpi.deleted && !years.has(kpi.deleted.from)) add(['items', i, 'kpis', k, 'deleted', 'from'], `削除年度 ${kpi.deleted.from} は計画の年度にありません`, `deletion year ${kpi.deleted.from} is not a plan year`);
    });
    // 関連目標 may name indicators the sheet lists as 参考指標 (seed 001 sheet 16): kept as printed, not an error.
  });
  return problems;
}

export type ParseResult = { ok: true; plan: PlanType } | { ok: false; problems: PlanProblem[] };

export function parsePlan(data: unknown): ParseResult {
  const parsed = Plan.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), ...describeIssue(issue) })) };
  }
  const problems = crossCheck(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, plan: parsed.data };
}
