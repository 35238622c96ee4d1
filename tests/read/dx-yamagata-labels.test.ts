// The DX and Yamagata readers find their section labels in the sheet's leftmost column only: an
// indicator named like a section (in the 指標項目 list, in a bullet) is a name, and nothing is lost.
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { loadPlanFile } from '../../src/cli/plan-file';
import { DX_LABELS } from '../../src/layout/dx-sheet';
import { YAMAGATA_LABELS } from '../../src/layout/yamagata-sheet';
import { readPlanFromWorkbook } from '../../src/xlsx/read';
import { REPO } from '../support/plans';
import { makeSmall, removeSmall, writeEdited, type Small } from './support';

const made: Small[] = [];
afterAll(() => Promise.all(made.map(removeSmall)));

async function small(seed: string): Promise<Small> {
  const plan = await loadPlanFile(path.join(REPO, 'seeds', `${seed}.json`));
  const s = await makeSmall({ ...plan, items: [plan.items[0]] });
  made.push(s);
  return s;
}

/** Every cell of the sheet that shows `text`, top to bottom. */
function cellsShowing(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (String(cell.value ?? '').trim() === text && out.push(cell))));
  return out;
}

test('DX: ○具体的取組及び工程 typed as the first 指標項目 keeps the list (a new R5目標値 is read) and the rest', async () => {
  const s = await small('gunma-dx-2021');
  const item = s.plan.items[0];
  const renamed = (ws: ExcelJS.Worksheet) => {
    const valueCol = Number(cellsShowing(ws, `R5${DX_LABELS.finalTargetSuffix}`)[0].col);
    const first = cellsShowing(ws, '①')[0];
    const row = ws.getRow(Number(first.row));
    row.getCell(Number(first.col) + 1).value = DX_LABELS.scheduleSection;
    row.getCell(valueCol).value = 120;
  };
  const back = (await readPlanFromWorkbook(await writeEdited(s, 'dx-named.xlsx', { edit: renamed }))).items[0];
  expect(back.kpis.map((k) => k.no)).toEqual(item.kpis.map((k) => k.no));
  expect(back.kpis.map((k) => k.actuals)).toEqual(item.kpis.map((k) => k.actuals));
  expect(back.kpis[0].finalTarget?.value).toBe(120);
  expect(back.kpis.slice(1).map((k) => k.finalTarget)).toEqual(item.kpis.slice(1).map((k) => k.finalTarget));
  expect(back.schedule).toEqual(item.schedule);
});

test('Yamagata: a bullet reading 【主な目標指標】 stays a bullet, and the indicators stay', async () => {
  const s = await small('yamagata-2021');
  const item = s.plan.items[0];
  const [year, bullets] = Object.entries(item.highlights ?? {}).find(([, b]) => b.length > 0)!;
  const typed = (ws: ExcelJS.Worksheet) => {
    for (const cell of cellsShowing(ws, bullets[0])) cell.value = YAMAGATA_LABELS.kpiSection;
  };
  const back = (await readPlanFromWorkbook(await writeEdited(s, 'yamagata-named.xlsx', { edit: typed }))).items[0];
  expect(back.highlights?.[year]).toEqual([YAMAGATA_LABELS.kpiSection, ...bullets.slice(1)]);
  expect(back.kpis.map((k) => k.actuals)).toEqual(item.kpis.map((k) => k.actuals));
});
