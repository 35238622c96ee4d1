// Lock by year (issue 11.2) on every seed layout: with `lock`, every visible sheet is protected, exactly
// the round year's inputs are unlocked (found by an oracle that renders two fillings of that year and
// compares, not by the builders' marks), every other cell with a value is locked — in the file hyoka
// writes and in the file LibreOffice saves from it. A plain generate keeps every year's inputs open.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook } from '../../src/xlsx/read';
import { recalculate } from '../../src/xlsx/libreoffice';
import { INPUT_FILL, LEGEND_LABEL } from '../../src/layout/protection';
import type { Plan } from '../../src/model/plan';
import { SEEDS, inputCellsByOracle, isLocked, roundYear, seedPlan, sheetProtection } from './support-lock';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lock-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every problem found in a locked workbook: an unprotected sheet, an input locked, a non-input open. */
function lockProblems(wb: ExcelJS.Workbook, plan: Plan, year: string): string[] {
  const oracle = inputCellsByOracle(plan, year);
  const problems: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue; // the metadata sheet (LibreOffice saves veryHidden as hidden)
    if (sheetProtection(ws)?.sheet !== true) problems.push(`${ws.name}: not protected`);
    const inputs = oracle.get(ws.name) ?? new Set<string>();
    for (const key of inputs) {
      const [r, c] = key.split(':').map(Number);
      if (isLocked(ws, r, c)) problems.push(`${ws.name}!${ws.getCell(r, c).address}: input locked`);
    }
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const input = inputs.has(`${r}:${c}`);
        if (!input && cell.value !== null && cell.value !== '' && !isLocked(ws, r, c)) problems.push(`${ws.name}!${cell.address}: open, not an input`);
      }),
    );
  }
  return problems;
}

describe.each(SEEDS)('%s', (seed) => {
  let plan: Plan;
  let year: string;
  let file: string;
  beforeAll(async () => {
    plan = await seedPlan(seed);
    year = roundYear(plan);
    file = path.join(dir, `${seed}-locked.xlsx`);
    await writeWorkbookFile(buildWorkbookLayout(plan, undefined, { lock: { year } }), file);
  });

  test('every sheet protected; only the round year inputs open and shaded, with a legend', async () => {
    const wb = await loadWorkbook(file);
    expect(lockProblems(wb, plan, year)).toEqual([]);
    const oracle = inputCellsByOracle(plan, year);
    const count = [...oracle.values()].reduce((n, s) => n + s.size, 0);
    // The outline (施策体系) has no item sheets and no yearly figures: all of it is locked, no legend needed.
    if (seed === 'gunma-2025-outline') return expect(count).toBe(0);
    expect(count).toBeGreaterThan(0);
    const sheetName = [...oracle.entries()].find(([, s]) => s.size > 0)![0];
    const ws = wb.getWorksheet(sheetName)!;
    for (const key of oracle.get(sheetName)!) {
      const [r, c] = key.split(':').map(Number);
      expect((ws.getCell(r, c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(INPUT_FILL);
    }
    const legend: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void (cell.value === LEGEND_LABEL && legend.push(cell.address))));
    expect(legend).toHaveLength(1);
  });

  test('the locking holds after a LibreOffice save', async () => {
    const out = path.join(dir, `lo-${seed}`);
    await fs.mkdir(out);
    const saved = await recalculate(file, out);
    const wb = await loadWorkbook(saved);
    expect(lockProblems(wb, plan, year)).toEqual([]);
  }, 180_000);
});

test('a plain generate locks no year: past and round years open alike, no 入力欄 shade', async () => {
  const plan = await seedPlan('gunma-2020');
  const year = roundYear(plan);
  const plain = path.join(dir, 'plain.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(plan), plain);
  const wb = await loadWorkbook(plain);
  const past = plan.plan.years[0];
  const oracle = inputCellsByOracle(plan, past);
  let pastOpen = 0;
  for (const [name, cells] of oracle) {
    const ws = wb.getWorksheet(name)!;
    for (const key of cells) {
      const [r, c] = key.split(':').map(Number);
      if (!isLocked(ws, r, c)) pastOpen += 1;
      expect((ws.getCell(r, c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(INPUT_FILL);
    }
  }
  expect(pastOpen).toBe([...oracle.values()].reduce((n, s) => n + s.size, 0));
  expect(year).not.toBe(past);
});

test('a lock year outside the plan is refused, in Japanese and English', async () => {
  const plan = await seedPlan('gunma-2020');
  expect(() => buildWorkbookLayout(plan, undefined,
    { lock: { year: 'R40' } })).toThrow(/R40.*計画の年度.*not one of the plan's years/);
});
