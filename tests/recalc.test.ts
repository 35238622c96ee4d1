// A real spreadsheet engine checks the formulas: LibreOffice recalculates the generated workbook,
// and every rate, achieved flag, 達成件数 and 一覧 total it computes must equal the rules engine.
// Cached results are replaced with a sentinel before recalculation, so nothing passes by echo.
import type ExcelJS from 'exceljs';
import type { Plan } from '../src/model/plan';
import { evaluatePlan } from '../src/rules/evaluate';
import type { WorkbookLayout } from '../src/layout/types';
import { plainValue } from '../src/xlsx/cells';
import { bundledPlan, fillActuals } from './support/plans';
import { recalculated, sameNumber, STALE } from './support/recalc';

/** Compares every computed cell with the engine; returns the disagreements (empty = all equal). */
function compare(plan: Plan, wb: ExcelJS.Workbook, layout: WorkbookLayout): string[] {
  const result = evaluatePlan(plan);
  const problems: string[] = [];
  let checked = 0;
  const check = (ws: ExcelJS.Worksheet, row: number, col: number, expected: string | number | null, what: string) => {
    const found = plainValue(ws.getCell(row, col));
    checked++;
    const ok = typeof expected === 'number' ? sameNumber(found, expected) : (found ?? '') === (expected ?? '');
    if (!ok) problems.push(`${ws.name}!${ws.getCell(row, col).address} ${what}: expected ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(found)}`);
  };
  layout.sheets.forEach((sheet) => {
    if (sheet.kind !== 'item') return;
    const a = sheet.anchors!;
    const index = plan.items.findIndex((it) => it.id === a.itemId);
    const ws = wb.getWorksheet(sheet.name)!;
    const item = result.items[index];
    a.kpis.forEach((k, ki) => {
      for (const y of plan.plan.years) {
        const ky = item.kpis[ki].years[y];
        if (ky.status === 'excluded' && !sheet.cells.some((c) => c.row === k.rateRow && c.col === a.helperCols[y] && c.formula)) continue;
        check(ws, k.rateRow, a.yearCols[y], ky.display ?? '', `rate ${item.kpis[ki].no} ${y}`);
        check(ws, k.rateRow, a.helperCols[y], ky.rate === null ? '' : ky.rate, `percent ${item.kpis[ki].no} ${y}`);
        check(ws, k.actualRow, a.helperCols[y], ky.achieved === null ? '' : ky.achieved ? 1 : 0, `achieved ${item.kpis[ki].no} ${y}`);
        if (typeof plan.items[index].kpis[ki].targets[y] === 'object') check(ws, k.targetRow, a.yearCols[y], ky.target, `relative target ${y}`);
      }
    });
    for (const y of plan.plan.years) check(ws, a.countRow, a.yearCols[y], item.counts[y].display ?? '', `達成件数 ${y}`);
  });
  // 一覧: every formula cell must have been recalculated to the engine's value.
  const overview = layout.sheets.find((s) => s.kind === 'overview')!;
  const ws = wb.getWorksheet(overview.name)!;
  for (const c of overview.cells) if (c.formula) check(ws, c.row, c.col, c.result as string | number, '一覧');
  expect(checked).toBeGreaterThan(500);
  return problems;
}

describe('LibreOffice recalculation equals the rules engine', () => {
  test('the bundled Gunma plan: every rate, flag, 達成件数 and 一覧 cell', async () => {
    const plan = await bundledPlan();
    const { wb, layout } = await recalculated(plan, 'gunma');
    expect(compare(plan, wb, layout)).toEqual([]);
  });

  test('the bundled plan with R5/R6 typed by clerks (zeros, dashes, misses near 100%) and a grading scale', async () => {
    const plan = fillActuals(await bundledPlan(), 2024);
    plan.plan.grading = [
      { label: 'S', minRate: 120 },
      { label: 'A', minRate: 100 },
      { label: 'B', minRate: 80 },
      { label: 'C', minRate: 0 },
    ];
    const { wb, layout } = await recalculated(plan, 'filled');
    expect(compare(plan, wb, layout)).toEqual([]);
  });

  test('the sentinel proves LibreOffice computed the values', async () => {
    const plan = await bundledPlan();
    const { wb, layout } = await recalculated(plan, 'sentinel');
    const sheet = layout.sheets.find((s) => s.kind === 'item')!;
    const anchors = sheet.anchors!;
    const found = plainValue(wb.getWorksheet(sheet.name)!.getCell(anchors.countRow, anchors.yearCols.R2));
    expect(found).not.toBe(STALE);
    expect(found).toBe('1 / 3');
  });
});
