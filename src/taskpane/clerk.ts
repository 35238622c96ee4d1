// The clerk mode of the task pane (issue 11.7): what a department's clerk needs in a round workbook
// (one carrying a round stamp, src/round/stamp.ts) — the cells to fill this year, item by item, and the
// 提出前チェック before sending the file back. Pure: the plan, the stamp and the Locations the pane's
// reader already gives (gridsToPlan); the engine (evaluateKpiYear) judges every actual exactly as the
// sheet's formulas, collect and merge do, so the pane never says "ready" where the office would refuse.
import type { Item, Plan, TargetChangeRequest } from '../model/plan';
import { evaluateKpiYear, isDeletedIn, type KpiYearResult } from '../rules/evaluate';
import { fingerprintOf, type RoundStamp } from '../round/stamp';
import type { Locations } from '../read/plan-reader';

/** One 実績 cell to fill in the round year. */
export interface TodoCell {
  itemId: string;
  itemNo: number;
  itemTitle: string;
  kpiNo: number;
  kpiName: string;
  unit: string;
  sheet: string;
  /** A1 address of the 実績 cell. */
  address: string;
  /** Something is typed there (a number, 達成/未達成, 「－」, or text the check will name). */
  filled: boolean;
}

export type ClerkFindingKind = 'missingActual' | 'invalid' | 'blankText' | 'requestIncomplete' | 'lockedChanged';

/** A 提出前チェック finding: a cell to select where there is one. */
export interface ClerkFinding {
  kind: ClerkFindingKind;
  /** The item sheet; absent for the workbook as a whole (the locked part's fingerprint). */
  sheet?: string;
  address?: string;
  itemId?: string;
  ja: string;
  en: string;
}

interface KpiYear {
  item: Item;
  cell: TodoCell;
  result: KpiYearResult;
}

/** The stamp's items as the plan holds them, in the stamp's order (an item missing from the plan is left out). */
function stampItems(plan: Plan, stamp: RoundStamp): Item[] {
  const byId = new Map(plan.items.map((it) => [it.id, it]));
  return stamp.itemIds.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The KPI-years of the round: every KPI of the stamp's items that has something to report in the year —
 * a target, or an actual already typed — and a 実績 cell the reader found. Deleted KPIs are not asked.
 */
function roundKpiYears(plan: Plan, stamp: RoundStamp, locations: Locations): KpiYear[] {
  const year = stamp.year;
  return stampItems(plan, stamp).flatMap((item) =>
    item.kpis.flatMap((kpi) => {
      const loc = locations[item.id]?.[kpi.no]?.[year];
      if (!loc || isDeletedIn(kpi, year)) return [];
      const result = evaluateKpiYear(kpi, year, plan.plan);
      const raw = kpi.actuals[year];
      const filled = raw !== undefined && raw !== null && String(raw).trim() !== '';
      if (result.status === 'noTarget' && !filled) return [];
      const cell: TodoCell = {
        itemId: item.id,
        itemNo: item.no,
        itemTitle: item.title,
        kpiNo: kpi.no,
        kpiName: kpi.name,
        unit: kpi.unit,
        sheet: loc.sheet,
        address: loc.actual,
        filled,
      };
      return [{ item, cell, result }];
    }),
  );
}

/** 今年度の入力: the 実績 cells of the stamp's items for the round year, item by item, KPI by KPI. */
export function clerkTodo(plan: Plan, stamp: RoundStamp, locations: Locations): TodoCell[] {
  return roundKpiYears(plan, stamp, locations).map((k) => k.cell);
}

const EVALUATION_TEXTS = [
  { field: 'factors', ja: '要因分析', en: '要因分析 (factor analysis)' },
  { field: 'nextYearIssues', ja: '次年度への課題', en: '次年度への課題 (issues for next year)' },
] as const;

/** A 目標変更 the office cannot approve as it stands: a new target without a reason, or a reason without one. */
function requestProblem(request: TargetChangeRequest | undefined): { ja: string; en: string } | null {
  if (!request) return null;
  const has = (v: unknown) => v !== undefined && String(v).trim() !== '';
  if (has(request.value) && !has(request.reason))
    return { ja: '理由が未入力です（理由のない目標変更は承認されません）', en: 'the reason is missing (no change is approved without one)' };
  if (!has(request.value) && has(request.reason))
    return { ja: '新しい目標値が未入力です', en: 'the new target value is missing' };
  return null;
}

/**
 * 提出前チェック: what would make the office send the file back — actuals of the year not typed, text where a
 * number belongs (the engine's words), 要因分析 or 次年度への課題 left blank in an item with a miss this
 * year, a 目標変更 without its reason (or value), and anything changed in the locked part (targets, past
 * years, definitions: the stamp's fingerprint).
 */
export function beforeSubmit(plan: Plan, stamp: RoundStamp, locations: Locations): ClerkFinding[] {
  const year = stamp.year;
  const findings: ClerkFinding[] = [];
  const kpiYears = roundKpiYears(plan, stamp, locations);
  for (const item of stampItems(plan, stamp)) {
    const mine = kpiYears.filter((k) => k.item === item);
    for (const { cell, result } of mine) {
      const at = { sheet: cell.sheet, address: cell.address, itemId: cell.itemId };
      const kpi = `${cell.kpiNo}「${cell.kpiName}」`;
      if (result.status === 'invalid') {
        const why = result.problems?.[0] ?? { ja: '実績が読めません', en: 'the actual cannot be read' };
        const ja = `指標 ${kpi} ${year} 実績: ${why.ja}`;
        findings.push({ kind: 'invalid', ...at, ja, en: `KPI ${kpi} ${year} actual: ${why.en}` });
      } else if (!cell.filled) {
        const ja = `指標 ${kpi} の ${year} 実績が未入力です`;
        findings.push({ kind: 'missingActual', ...at, ja, en: `KPI ${kpi}: the ${year} actual is not filled in` });
      }
    }
    for (const kpi of item.kpis) {
      const incomplete = requestProblem(kpi.targetChangeRequests?.[year]);
      const sheet = locations[item.id]?.[kpi.no]?.[year]?.sheet ?? mine[0]?.cell.sheet;
      if (!incomplete || !sheet) continue;
      const ja = `指標 ${kpi.no}「${kpi.name}」の ${year} 目標変更: ${incomplete.ja}`;
      const en = `KPI ${kpi.no} "${kpi.name}" ${year} target change: ${incomplete.en}`;
      findings.push({ kind: 'requestIncomplete', sheet, itemId: item.id, ja, en });
    }
    if (!mine.some((k) => k.result.achieved === false)) continue;
    const texts = item.evaluations[year] ?? {};
    for (const t of EVALUATION_TEXTS) {
      if ((texts[t.field] ?? '').trim() !== '') continue;
      findings.push({
        kind: 'blankText',
        sheet: mine[0].cell.sheet,
        itemId: item.id,
        ja: `${year} に未達成の指標があります。${t.ja}を入力してください`,
        en: `a KPI missed its ${year} target: fill in ${t.en}`,
      });
    }
  }
  if (fingerprintOf(plan, year) !== stamp.fingerprint)
    findings.push({
      kind: 'lockedChanged',
      ja:
        `${year} の入力欄以外（目標・過去の実績・指標の定義・見出し）が配布時から変更されています。` +
        '元に戻すか、目標の変更は事務局に相談してください',
      en:
        `content outside the ${year} input cells (targets, past actuals, KPI definitions, headers) changed ` +
        'since the file was sent: undo it, or ask the office about a target change',
    });
  return findings;
}
