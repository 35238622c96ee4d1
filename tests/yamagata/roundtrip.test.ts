// export(generate(plan)) = plan for the Yamagata layout, and what clerks type on a 取組状況 sheet (an
// actual, a bullet in the spare row, a changed target, 取組所属) comes back — also after rows and columns
// were inserted and the sheet renamed.
import ExcelJS from 'exceljs';
import { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { YAMAGATA_LABELS as L } from '../../src/layout/yamagata-sheet';
import { renderWorkbook, writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { insertColumns, insertRows } from '../support/shift';
import { canonical, loadSeed, roundTrip, YAMAGATA } from './support';

let plan: Plan;
beforeAll(async () => {
  plan = await loadSeed(YAMAGATA);
});

function cellWith(ws: ExcelJS.Worksheet, test: (text: string) => boolean): ExcelJS.Cell {
  let found: ExcelJS.Cell | null = null;
  ws.eachRow((row) => row.eachCell((cell) => {
    if (!found && test(String(plainValue(cell) ?? ''))) found = cell;
  }));
  if (!found) throw new Error('no such cell');
  return found;
}

describe('Yamagata: export(generate(plan)) = plan', () => {
  test('the seed', async () => {
    const back = await roundTrip(plan);
    expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
  });

  test('one sheet per 取組, protected, inputs unlocked, A4 landscape one page wide', async () => {
    const layout = buildWorkbookLayout(plan);
    const items = layout.sheets.filter((s) => s.kind === 'item');
    expect(items).toHaveLength(17);
    const wb = await renderWorkbook(layout);
    const sheet = items.find((s) => s.cells.some((c) => c.value === 'hyoka:item:Y3-3'))!;
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const actual = cellWith(ws, (t) => t === '86.3');
    expect(actual.protection?.locked).toBe(false);
    const row = ws.getRow(Number(actual.row));
    const target = [...Array(Number(actual.col)).keys()].map((c) => row.getCell(c + 1)).find((c) => plainValue(c) === 100)!;
    expect(target.protection?.locked).toBe(false); // 目標値 is an input too
    expect(ws.getCell(actual.row, 4).protection?.locked).toBe(false); // 基準値
    const progress = cellWith(ws, (t) => t === '86%');
    expect(progress.protection?.locked).not.toBe(false);
    expect(cellWith(ws, (t) => t.startsWith('男性職員の育休')).protection?.locked).not.toBe(false);
    expect(cellWith(ws, (t) => t.startsWith('子どもが生まれる')).protection?.locked).toBe(false);
    // Every formula carries the engine's value as its cached result, and uses only the shared functions.
    for (const s of items) {
      for (const c of s.cells.filter((x) => x.formula)) {
        expect(c.result).not.toBeUndefined();
        expect(c.formula).not.toMatch(/INDIRECT|OFFSET|TODAY|NOW\(|LET\(/);
      }
    }
  });

  test('what clerks type comes back, after inserted rows and columns and a renamed sheet', async () => {
    const layout = buildWorkbookLayout(plan);
    const index = layout.sheets.findIndex((s) => s.cells.some((c) => c.value === 'hyoka:item:Y2-2'));
    layout.sheets[index] = { ...insertColumns(insertRows(layout.sheets[index], 9, 2), 10, 1), name: '歳出（記入済み）' };
    const wb = await loadWorkbook(await writeWorkbookBuffer(layout));
    const ws = wb.getWorksheet('歳出（記入済み）')!;
    const r4 = cellWith(ws, (t) => t === '75.6');
    ws.getCell(Number(r4.row), Number(r4.col) + 1).value = 98.2; // R5 running total
    const dept = cellWith(ws, (t) => t === L.leadDept);
    ws.getCell(Number(dept.row), Number(dept.col) + 1).value = '財政課';
    const bullet = cellWith(ws, (t) => t.startsWith('部局長等の総合的なマネジメント'));
    ws.getCell(Number(bullet.row) + 1, Number(bullet.col)).value = '【追加】令和4年度の見直し額を予算に反映';
    const back = workbookToPlan(wb, 'filled.xlsx');
    const item = back.items.find((it) => it.id === 'Y2-2')!;
    expect(item.kpis[0].actuals).toEqual({ R4: 75.6, R5: 98.2 });
    expect(item.leadDept).toBe('財政課');
    expect(item.highlights!.R4).toEqual(['部局長等の総合的なマネジメントの下、事務事業を見直しとともに事務改善に係る優良事例を共有し、予算編成に反映', '【追加】令和4年度の見直し額を予算に反映']);
    // Everything else is as it was.
    const expected: Plan = JSON.parse(JSON.stringify(plan));
    const e = expected.items.find((it) => it.id === 'Y2-2')!;
    e.kpis[0].actuals.R5 = 98.2;
    e.leadDept = '財政課';
    e.highlights!.R4.push('【追加】令和4年度の見直し額を予算に反映');
    expect(canonical(Plan.parse(back))).toEqual(canonical(expected));
  });

  test('a changed target is read back into the final target (and the period total it stands for)', async () => {
    const wb = await loadWorkbook(await writeWorkbookBuffer(buildWorkbookLayout(plan)));
    const sheet = wb.worksheets.find((w) => cellWithOrNull(w, (t) => t === 'hyoka:item:Y2-2'))!;
    const target = cellWith(sheet, (t) => t === '120');
    target.value = 130;
    const back = workbookToPlan(wb, 'target.xlsx');
    const k = back.items.find((it) => it.id === 'Y2-2')!.kpis[0];
    expect(k.finalTarget).toEqual({ year: 'R6', value: 130, note: 'R3~R6年度累計' });
    expect(k.periodTarget!.value).toBe(130);
  });
});

function cellWithOrNull(ws: ExcelJS.Worksheet, test: (text: string) => boolean): boolean {
  try {
    cellWith(ws, test);
    return true;
  } catch {
    return false;
  }
}
