// LibreOffice recalculates the generated Saitama workbook — cached results replaced by a sentinel first —
// and every rate, achieved flag, 達成件数, expected effect and 一覧 cell equals the rules engine, with
// actuals filled in as clerks would (numbers near the target, zeros, dashes, blanks, 達成/未達成).
import type ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { evaluatePlan } from '../../src/rules/evaluate';
import { evaluateEffects } from '../../src/rules/effects';
import { EFFECT_CELLS } from '../../src/layout/saitama-sheet';
import type { WorkbookLayout } from '../../src/layout/types';
import { plainValue } from '../../src/xlsx/cells';
import { bundledPlan, fillActuals } from '../support/plans';
import { saitamaPlan } from './support';
import { recalculated, sameNumber, STALE } from '../support/recalc';


interface Checked {
  problems: string[];
  counts: Record<string, number>;
}

function compare(plan: Plan, wb: ExcelJS.Workbook, layout: WorkbookLayout): Checked {
  const result = evaluatePlan(plan);
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  const check = (ws: ExcelJS.Worksheet, row: number, col: number, expected: string | number | null, what: string) => {
    const found = plainValue(ws.getCell(row, col));
    counts[what.split(' ')[0]] = (counts[what.split(' ')[0]] ?? 0) + 1;
    const ok = typeof expected === 'number' ? sameNumber(found, expected) : (found ?? '') === (expected ?? '');
    if (!ok) problems.push(`${ws.name}!${ws.getCell(row, col).address} ${what}: expected ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(found)}`);
  };
  for (const sheet of layout.sheets) {
    if (sheet.kind !== 'item') continue;
    const a = sheet.anchors!;
    const index = plan.items.findIndex((it) => it.id === a.itemId);
    const ws = wb.getWorksheet(sheet.name)!;
    const item = result.items[index];
    a.kpis.forEach((k, ki) => {
      for (const y of plan.plan.years) {
        const ky = item.kpis[ki].years[y];
        check(ws, k.rateRow, a.yearCols[y], ky.display ?? '', `rate ${a.itemId} ${item.kpis[ki].no} ${y}`);
        check(ws, k.rateRow, a.helperCols[y], ky.rate === null ? '' : ky.rate, `percent ${a.itemId} ${item.kpis[ki].no} ${y}`);
        check(ws, k.actualRow, a.helperCols[y], ky.achieved === null ? '' : ky.achieved ? 1 : 0, `flag ${a.itemId} ${item.kpis[ki].no} ${y}`);
      }
    });
    for (const y of plan.plan.years) check(ws, a.countRow, a.yearCols[y], item.counts[y].display ?? '', `count ${a.itemId} ${y}`);
    const effects = evaluateEffects(plan.items[index], item, plan.plan.years);
    for (const c of EFFECT_CELLS.get(sheet) ?? []) {
      const v = effects[c.index].years[c.year][c.basis];
      check(ws, c.row, c.col, v ?? '', `effect ${a.itemId} ${c.index} ${c.basis} ${c.year}`);
    }
  }
  const overview = layout.sheets.find((s) => s.kind === 'overview')!;
  const ows = wb.getWorksheet(overview.name)!;
  for (const c of overview.cells) if (c.formula) check(ows, c.row, c.col, c.result as string | number, `overview ${c.row}:${c.col}`);
  return { problems, counts };
}

describe('LibreOffice recalculation of the Saitama sheets equals the rules engine', () => {
  test('with R2–R4 actuals filled in at random: every rate, flag, 達成件数, effect and 一覧 cell', async () => {
    const plan = fillActuals(await saitamaPlan(), 2020);
    // Exercise the effects' 実績 rows for sure: the RPA and chatbot indicators get actuals every year.
    const one = plan.items.find((i) => i.no === 1)!;
    one.kpis[0].actuals = { R2: 48, R3: 57, R4: 0 };
    one.kpis[1].actuals = { R2: 11999, R3: '－', R4: 70001.5 };
    plan.items.find((i) => i.no === 3)!.kpis[0].actuals = { R2: 19999, R3: 41234, R4: 219999 };
    const { wb, layout } = await recalculated(plan, 'saitama-filled');
    const { problems, counts } = compare(plan, wb, layout);
    expect(problems).toEqual([]);
    expect(counts.rate).toBe(112 * 3);
    expect(counts.flag).toBe(112 * 3);
    expect(counts.count).toBe(62 * 3);
    expect(counts.effect).toBe(4 * 3 * 2);
    expect(counts.overview).toBeGreaterThan(62 * 3 * 3);
    // Something was evaluated: not every count is blank.
    const evaluated = evaluatePlan(plan).items.flatMap((i) => Object.values(i.counts)).filter((c) => c.display !== null);
    expect(evaluated.length).toBeGreaterThan(100);
  });

  test('the bundled Gunma plan in this layout (relative targets, deleted indicators, R5/R6 typed): equal to the engine', async () => {
    const plan = fillActuals(await bundledPlan(), 2024);
    plan.plan.layout = 'saitama-action';
    const { wb, layout } = await recalculated(plan, 'gunma-in-saitama');
    const { problems, counts } = compare(plan, wb, layout);
    expect(problems).toEqual([]);
    expect(counts.rate).toBeGreaterThan(80 * 5);
  });

  test('the plan as printed (no actuals): counts blank, target-based effects computed, and nothing echoes the sentinel', async () => {
    const plan = await saitamaPlan();
    const { wb, layout } = await recalculated(plan, 'saitama-plan');
    expect(compare(plan, wb, layout).problems).toEqual([]);
    const sheet = layout.sheets.find((s) => s.anchors?.itemId === 'No.1')!;
    const ws = wb.getWorksheet(sheet.name)!;
    const rpa = EFFECT_CELLS.get(sheet)!.find((c) => c.index === 0 && c.basis === 'target' && c.year === 'R2')!;
    expect(plainValue(ws.getCell(rpa.row, rpa.col))).toBe(13000);
    for (const s of layout.sheets) {
      const w = wb.getWorksheet(s.name);
      if (!w) continue;
      for (const c of s.cells) if (c.formula) expect(plainValue(w.getCell(c.row, c.col))).not.toBe(STALE);
    }
  });
});
