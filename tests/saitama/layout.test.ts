// The Saitama sheet in Excel's own terms: protection with unlocked inputs, A4 portrait print setup, live
// formulas with cached results (no volatile functions), flags for the 一覧, non-overlapping merges.
import JSZip from 'jszip';
import type ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { EFFECT_CELLS, saitamaYearLabel } from '../../src/layout/saitama-sheet';
import type { WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook } from '../../src/xlsx/read';
import { formulaOf } from '../../src/xlsx/cells';
import { saitamaPlan } from './support';

let plan: Plan;
let layout: WorkbookLayout;
let buffer: Buffer;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  plan = await saitamaPlan();
  layout = buildWorkbookLayout(plan);
  buffer = await writeWorkbookBuffer(layout);
  wb = await loadWorkbook(buffer);
});

const itemSheets = () => layout.sheets.filter((s) => s.kind === 'item');

test('the plan file chooses the layout: 一覧, 62 item sheets, hidden metadata', () => {
  expect(wb.worksheets[0].name).toBe('一覧');
  expect(itemSheets()).toHaveLength(62);
  expect(wb.worksheets[wb.worksheets.length - 1].state).toBe('veryHidden');
  expect(saitamaYearLabel('R2')).toBe('Ｒ２年度');
  expect(saitamaYearLabel('H30')).toBe('Ｈ30年度');
});

test('protected; targets, actuals, 取組内容, 工程 and evaluation texts unlocked; rates, counts and effects locked', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect((ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection.sheet).toBe(true);
    const a = sheet.anchors!;
    for (const k of a.kpis) {
      for (const y of plan.plan.years) {
        expect(ws.getCell(k.actualRow, a.yearCols[y]).protection?.locked).toBe(false);
        expect(ws.getCell(k.targetRow, a.yearCols[y]).protection?.locked).toBe(false);
        expect(ws.getCell(k.rateRow, a.yearCols[y]).protection?.locked).not.toBe(false);
      }
    }
    expect(ws.getCell(a.narrativeRow, 2).protection?.locked).toBe(false);
    expect(ws.getCell(a.countRow, a.yearCols.R2).protection?.locked).not.toBe(false);
    expect(ws.getCell(a.evaluationRows.factors, a.yearCols.R2).protection?.locked).toBe(false);
    for (const s of a.schedule) expect(ws.getCell(s.planRow, a.yearCols.R2).protection?.locked).toBe(false);
    for (const c of EFFECT_CELLS.get(sheet) ?? []) expect(ws.getCell(c.row, c.col).protection?.locked).not.toBe(false);
  }
});

test('A4 portrait, one page wide, the plan name in the header, print area without the hidden helpers', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddHeader).toContain(plan.plan.title);
    expect(sheet.print!.printArea).toMatch(/^A1:H\d+$/);
  }
});

test('rates, flags and counts use the Gunma formulas; effects are live over the target and actual cells', () => {
  const sheet = itemSheets()[0];
  const ws = wb.getWorksheet(sheet.name)!;
  const a = sheet.anchors!;
  expect(formulaOf(ws.getCell(a.kpis[0].rateRow, a.yearCols.R2))).toMatch(/^IF\(AND\(ISNUMBER/);
  expect(formulaOf(ws.getCell(a.kpis[0].actualRow, a.helperCols.R2))).toMatch(/^IF\(AND\(ISNUMBER\(F\d+\),ISNUMBER\(F\d+\)\),IF\(F\d+>=F\d+,1,0\),""\)$/);
  expect(formulaOf(ws.getCell(a.countRow, a.yearCols.R2))).toMatch(/^IF\(COUNT\(/);
  const cells = EFFECT_CELLS.get(sheet)!;
  const rpa = cells.find((c) => c.index === 0 && c.basis === 'target' && c.year === 'R2')!;
  expect(formulaOf(ws.getCell(rpa.row, rpa.col))).toBe(`IF(ISNUMBER(F${a.kpis[0].targetRow}),IF(ISERROR(F${a.kpis[0].targetRow}*260),"",F${a.kpis[0].targetRow}*260),"")`);
  const ocr = cells.find((c) => c.index === 1 && c.basis === 'actual' && c.year === 'R3')!;
  expect(formulaOf(ws.getCell(ocr.row, ocr.col))).toBe(`IF(ISNUMBER(G${a.kpis[1].actualRow}),IF(ISERROR(G${a.kpis[1].actualRow}*2/60),"",G${a.kpis[1].actualRow}*2/60),"")`);
  // 一覧 counts every item through the hidden flags.
  expect(itemSheets().every((s) => plan.plan.years.every((y) => s.anchors!.flags[y].length === s.anchors!.kpis.length))).toBe(true);
});

test('no volatile functions, and every formula carries a cached result', async () => {
  const zip = await JSZip.loadAsync(buffer);
  let formulas = 0;
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    for (const cell of xml.match(/<c [^>]*>[\s\S]*?<\/c>/g) ?? []) {
      if (!cell.includes('<f>')) continue;
      formulas++;
      expect(cell).toMatch(/<v>|<v\/>|<v><\/v>/);
      expect(cell).not.toMatch(/\b(INDIRECT|OFFSET|TODAY|NOW|RAND|RANDBETWEEN|INFO|CELL)\(/);
    }
  }
  expect(formulas).toBeGreaterThan(1000);
});

test('merges never overlap', () => {
  for (const sheet of itemSheets()) {
    const owner = new Map<string, number>();
    sheet.merges.forEach((m, i) => {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) {
          const key = `${r}:${c}`;
          expect({ sheet: sheet.name, key, other: owner.get(key) }).toEqual({ sheet: sheet.name, key, other: undefined });
          owner.set(key, i);
        }
    });
  }
});
