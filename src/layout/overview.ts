// 一覧: every item with its 達成件数 per year, subtotals per 目標 and a total for the plan, all as
// formulas over the item sheets' hidden achieved flags (so it updates live as clerks type).
import type { Plan } from '../model/plan';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { a1, sheetRef } from './a1';
import { SheetBuilder, wrappedHeight } from './grid';
import type { SheetLayout } from './types';

export const OVERVIEW_SHEET = '一覧';

export function buildOverviewSheet(plan: Plan, itemSheets: SheetLayout[]): SheetLayout {
  const years = plan.plan.years;
  const b = new SheetBuilder(OVERVIEW_SHEET, 'overview');
  const firstYearCol = 6;
  const colOf = (i: number) => firstYearCol + i * 3;
  b.layout.columns = [{ width: 24 }, { width: 24 }, { width: 6 }, { width: 40 }, { width: 18 }, ...years.flatMap(() => [{ width: 6 }, { width: 6 }, { width: 9 }])];
  b.put(1, 1, `${OVERVIEW_SHEET}　${plan.plan.title}`, 'title', { cols: 5 });
  b.height(1, 24);
  ['目標', '改革', 'No.', '実施項目', '取組所属'].forEach((h, c) => b.put(3, c + 1, h, 'header', { rows: 2 }));
  years.forEach((y, i) => {
    b.put(3, colOf(i), formatFiscalYearLabel(y), 'header', { cols: 3 });
    ['達成', '対象', '達成件数'].forEach((h, k) => b.put(4, colOf(i) + k, h, 'headerSmall'));
  });
  let row = 5;
  const subtotalRows: number[] = [];
  const goals = [...new Set(plan.items.map((it) => it.goal.no))];
  for (const goalNo of goals) {
    const firstRow = row;
    plan.items.forEach((item, index) => {
      if (item.goal.no !== goalNo) return;
      const sheet = itemSheets[index];
      const anchors = sheet.anchors;
      b.put(row, 1, `${item.goal.no}　${item.goal.name}`, 'value');
      b.put(row, 2, `${item.reform.no}　${item.reform.name}`, 'value');
      b.put(row, 3, item.no, 'valueCenter');
      b.put(row, 4, item.title, 'value');
      b.put(row, 5, item.leadDept, 'value');
      const texts: [string, number][] = [[`${item.goal.no}　${item.goal.name}`, 24], [`${item.reform.no}　${item.reform.name}`, 24], [item.title, 40], [item.leadDept, 18]];
      b.height(row, Math.max(...texts.map(([t, w]) => wrappedHeight([t], w, 9, 15))));
      years.forEach((y, i) => {
        // Layouts without yearly achieved flags (e.g. quarterly progress sheets) leave the counts blank.
        const flags = (anchors?.flags?.[y] ?? []).map((f) => sheetRef(sheet.name, f.row, f.col));
        const count = flagCounts(sheet, y);
        const list = flags.join(',');
        const none = count.evaluated === 0;
        if (flags.length === 0) {
          [0, 1, 2].forEach((k) => b.put(row, colOf(i) + k, '', k === 2 ? 'overviewCount' : 'overviewNumber'));
          return;
        }
        b.formula(row, colOf(i), `IF(COUNT(${list})=0,"",SUM(${list}))`, none ? '' : count.achieved, 'overviewNumber');
        b.formula(row, colOf(i) + 1, `IF(COUNT(${list})=0,"",COUNT(${list}))`, none ? '' : count.evaluated, 'overviewNumber');
        b.formula(row, colOf(i) + 2, countText(a1(row, colOf(i)), a1(row, colOf(i) + 1)), count.display ?? '', 'overviewCount');
      });
      row += 1;
    });
    const goal = plan.items.find((it) => it.goal.no === goalNo)!.goal;
    subtotalRows.push(row);
    b.put(row, 1, `目標 ${goal.no} 計`, 'overviewTotalLabel', { cols: 5 });
    years.forEach((y, i) => {
      const sums = sumCounts(plan, itemSheets, y, (it) => it.goal.no === goalNo);
      const ach = `${a1(firstRow, colOf(i))}:${a1(row - 1, colOf(i))}`;
      const ev = `${a1(firstRow, colOf(i) + 1)}:${a1(row - 1, colOf(i) + 1)}`;
      totalCells(b, row, colOf(i), ach, ev, sums);
    });
    row += 1;
  }
  b.put(row, 1, '計画全体', 'overviewTotalLabel', { cols: 5 });
  years.forEach((y, i) => {
    // A plan with no items yet (an outline): the total row stays, blank — SUM() of nothing is not a formula.
    if (subtotalRows.length === 0) return [0, 1, 2].forEach((k) => b.put(row, colOf(i) + k, '', 'overviewTotal'));
    const sums = sumCounts(plan, itemSheets, y, () => true);
    const ach = subtotalRows.map((r) => a1(r, colOf(i))).join(',');
    const ev = subtotalRows.map((r) => a1(r, colOf(i) + 1)).join(',');
    totalCells(b, row, colOf(i), ach, ev, sums);
  });
  b.layout.freeze = { row: 4, col: 5 };
  b.layout.print = { paper: 'A3', landscape: true, fitToWidth: 1, fitToHeight: 0, printTitleRows: [3, 4], header: plan.plan.title, footer: OVERVIEW_SHEET };
  b.layout.tabColor = 'FF1F3864';
  return b.layout;
}

function countText(ach: string, ev: string): string {
  return `IF(${ev}="","",${ach}&" / "&${ev})`;
}

/**
 * 達成 and 対象 of one item sheet and year, from the cached results of the flags the formulas sum: the
 * overview's cached counts are then what it computes, whatever the sheet evaluates from (the DX sheet
 * judges a year from its quarters, not from the yearly actual).
 */
function flagCounts(sheet: SheetLayout, year: string): { achieved: number; evaluated: number; display: string | null } {
  const at = new Set((sheet.anchors?.flags?.[year] ?? []).map((f) => `${f.row}:${f.col}`));
  const flags = sheet.cells.filter((c) => c.formula !== undefined && at.has(`${c.row}:${c.col}`));
  const results = flags.map((c) => c.result);
  const evaluated = results.filter((r) => typeof r === 'number').length;
  const achieved = results.filter((r) => r === 1).length;
  return { achieved, evaluated, display: evaluated === 0 ? null : `${achieved} / ${evaluated}` };
}

type KeepItem = (item: Plan['items'][number]) => boolean;

function sumCounts(plan: Plan, itemSheets: SheetLayout[], year: string, keep: KeepItem) {
  let achieved = 0;
  let evaluated = 0;
  plan.items.forEach((item, i) => {
    if (!keep(item)) return;
    const count = flagCounts(itemSheets[i], year);
    achieved += count.achieved;
    evaluated += count.evaluated;
  });
  return { achieved, evaluated };
}

function totalCells(b: SheetBuilder, row: number, col: number, ach: string, ev: string, sums: { achieved: number; evaluated: number }): void {
  const none = sums.evaluated === 0;
  b.formula(row, col, `IF(SUM(${ev})=0,"",SUM(${ach}))`, none ? '' : sums.achieved, 'overviewTotal');
  b.formula(row, col + 1, `IF(SUM(${ev})=0,"",SUM(${ev}))`, none ? '' : sums.evaluated, 'overviewTotal');
  b.formula(row, col + 2, countText(a1(row, col), a1(row, col + 1)), none ? '' : `${sums.achieved} / ${sums.evaluated}`, 'overviewTotal');
}
