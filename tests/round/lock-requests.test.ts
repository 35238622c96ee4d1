// 目標変更 and 備考 (issue 11.2): a clerk types them into the open cells of a locked Gunma sheet (exceljs,
// as into any file), export reads them back; they are round-year inputs, outside the fingerprint.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, readPlanFromWorkbook } from '../../src/xlsx/read';
import { fingerprintOf } from '../../src/round/stamp';
import { isLocked, roundYear, seedPlan } from './support-lock';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lock-req-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The row in column A whose label is `label`, on one sheet. */
function rowLabelled(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? '') === label) return r;
  throw new Error(`no row labelled ${label} on ${ws.name}`);
}

test.each(['gunma-2020', 'saitama-2020'])('%s: 目標変更 (value, reason) and 備考 typed into the open cells are read back', async (seed) => {
  const plan = await seedPlan(seed);
  const year = roundYear(plan);
  const sent = path.join(dir, 'sent.xlsx');
  const layout = buildWorkbookLayout(plan, undefined, { lock: { year } });
  await writeWorkbookFile(layout, sent);
  const sheet = layout.sheets.find((s) => s.kind === 'item')!;
  const col = sheet.anchors!.yearCols[year];
  const wb = await loadWorkbook(sent);
  const ws = wb.getWorksheet(sheet.name)!;
  const [valueRow, reasonRow, remarksRow] = ['① 目標変更（新しい目標値）', '① 目標変更の理由', '備考'].map((l) => rowLabelled(ws, l));
  for (const r of [valueRow, reasonRow, remarksRow]) expect(isLocked(ws, r, col)).toBe(false);
  expect(isLocked(ws, valueRow, sheet.anchors!.yearCols[plan.plan.years[0]])).toBe(true);
  ws.getCell(valueRow, col).value = 14;
  ws.getCell(reasonRow, col).value = '業務量の増加のため';
  ws.getCell(remarksRow, col).value = '4月に担当交代';
  const returned = path.join(dir, 'returned.xlsx');
  await wb.xlsx.writeFile(returned);

  const read = await readPlanFromWorkbook(returned);
  const item = read.items.find((i) => i.id === sheet.anchors!.itemId)!;
  expect(item.kpis[0].targetChangeRequests).toEqual({ [year]: { value: 14, reason: '業務量の増加のため' } });
  expect(item.remarks).toEqual({ [year]: '4月に担当交代' });
  expect(item.kpis[0].targets).toEqual(plan.items.find((i) => i.id === item.id)!.kpis[0].targets);
  expect(item.notes).toBe(plan.items.find((i) => i.id === item.id)!.notes);
  // Requests and remarks of the round year are inputs: the frozen part is still what was sent.
  expect(fingerprintOf(read, year)).toBe(fingerprintOf(plan, year));
});

test('目標変更 and 備考 of every year survive generate → export on the Gunma sheet', async () => {
  const plan = await seedPlan('gunma-2020');
  plan.items[1].remarks = { R2: '前年の備考', R4: '改行\nあり' };
  plan.items[1].kpis[0].targetChangeRequests = { R2: { value: '達成', reason: '定性化' }, R4: { reason: '理由だけ' } };
  const file = path.join(dir, 'all-years.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(plan), file);
  const read = await readPlanFromWorkbook(file);
  expect(read.items[1].remarks).toEqual(plan.items[1].remarks);
  expect(read.items[1].kpis[0].targetChangeRequests).toEqual(plan.items[1].kpis[0].targetChangeRequests);
  expect(read.items[0].remarks).toBeUndefined();
});

test.each(['saitama-2020', 'gunma-dx-2021', 'yamagata-2021'])('%s: 目標変更 and 備考 of a past year survive export', async (seed) => {
  const plan = await seedPlan(seed);
  plan.items[0].remarks = { [plan.plan.years[0]]: '備考' };
  plan.items[0].kpis[0].targetChangeRequests = { [plan.plan.years[0]]: { value: 3, reason: '理由' } };
  const file = path.join(dir, `${seed}.xlsx`);
  await writeWorkbookFile(buildWorkbookLayout(plan), file);
  const read = await readPlanFromWorkbook(file);
  expect(read.items[0].remarks).toEqual(plan.items[0].remarks);
  expect(read.items[0].kpis[0].targetChangeRequests).toEqual(plan.items[0].kpis[0].targetChangeRequests);
});
