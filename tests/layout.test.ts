// The standard sheet in Excel's own terms, checked on the written .xlsx: protection with unlocked
// inputs, validation, conditional formats, print setup, no volatile functions, cached results on
// every formula, and cells that stay findable after rows/columns are inserted and sheets renamed.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildWorkbookLayout } from '../src/layout/workbook';
import type { WorkbookLayout } from '../src/layout/types';
import { renderWorkbook, writeWorkbookBuffer } from '../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../src/xlsx/read';
import { formulaOf } from '../src/xlsx/cells';
import { bundledPlan, fillActuals } from './support/plans';
import { insertColumns, insertRows } from './support/shift';
import type { Plan } from '../src/model/plan';

let plan: Plan;
let layout: WorkbookLayout;
let wb: ExcelJS.Workbook;
let buffer: Buffer;

beforeAll(async () => {
  plan = await bundledPlan();
  layout = buildWorkbookLayout(plan);
  buffer = await writeWorkbookBuffer(layout);
  // Plain exceljs: this inspects what hyoka writes (data validations included, which the bounded loader strips).
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
});

const itemSheets = () => layout.sheets.filter((s) => s.kind === 'item');

test('one sheet per 実施項目, plus 一覧 first and the hidden metadata last', () => {
  expect(wb.worksheets.map((w) => w.name)[0]).toBe('一覧');
  expect(itemSheets()).toHaveLength(30);
  const meta = wb.worksheets[wb.worksheets.length - 1];
  expect(meta.state).toBe('veryHidden');
});

test('sheets are protected without a password; inputs unlocked, formulas and labels locked', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
    const a = sheet.anchors!;
    for (const k of a.kpis) {
      for (const y of plan.plan.years) {
        expect(ws.getCell(k.actualRow, a.yearCols[y]).protection?.locked).toBe(false);
        expect(ws.getCell(k.rateRow, a.yearCols[y]).protection?.locked).not.toBe(false);
      }
    }
    expect(ws.getCell(a.evaluationRows.factors, a.yearCols.R2).protection?.locked).toBe(false);
    expect(ws.getCell(a.countRow, a.yearCols.R2).protection?.locked).not.toBe(false);
    expect(ws.getCell(a.narrativeRow, 1).protection?.locked).toBe(false);
  }
});

test('a password, when asked for, is hashed once and shared by every sheet', async () => {
  const protectedWb = await renderWorkbook(layout, { password: 'secret' });
  const hashes = new Set(protectedWb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => (w as unknown as { sheetProtection: { hashValue: string } }).sheetProtection.hashValue));
  expect(hashes.size).toBe(1);
  expect([...hashes][0]).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
});

test('every actual cell has data validation: numbers, or 達成/未達成 for qualitative KPIs', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    const item = plan.items.find((i) => i.id === sheet.anchors!.itemId)!;
    sheet.anchors!.kpis.forEach((k, i) => {
      const dv = ws.getCell(k.actualRow, sheet.anchors!.yearCols.R2).dataValidation;
      if (item.kpis[i].deleted) return;
      if (item.kpis[i].direction === 'qualitative') expect(dv).toMatchObject({ type: 'list', formulae: ['"達成,未達成"'] });
      else expect(dv).toMatchObject({ type: 'decimal', allowBlank: true });
      // A numeric target is validated too (a relative target is a formula, a 「－」 is text: neither is).
      const target = item.kpis[i].targets.R4;
      if (typeof target === 'number' && item.kpis[i].direction !== 'qualitative') expect(ws.getCell(k.targetRow, sheet.anchors!.yearCols.R4).dataValidation).toMatchObject({ type: 'decimal' });
    });
  }
});

test('conditional formats mark achieved, missed and missing actuals, and never carry a number format (exceljs #1814)', async () => {
  const zip = await JSZip.loadAsync(buffer);
  const sheetXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  expect((sheetXml.match(/<conditionalFormatting/g) ?? []).length).toBeGreaterThan(10);
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const dxfs = /<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? '';
  expect(dxfs).not.toContain('numFmt');
  const looks = itemSheets()[0].conditionalFormats.map((c) => c.look);
  expect(new Set(looks)).toEqual(new Set(['achieved', 'missed', 'missing', 'scheduled', 'done']));
});

test('A3 landscape, one page wide, print titles, the plan name in the header', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddHeader).toContain(plan.plan.title);
  }
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
  expect(formulas).toBeGreaterThan(1500);
});

test('formulas are read back from cell formulas, and text starting with = stays text', () => {
  const sheet = itemSheets()[0];
  const ws = wb.getWorksheet(sheet.name)!;
  const k = sheet.anchors!.kpis[0];
  expect(formulaOf(ws.getCell(k.rateRow, sheet.anchors!.yearCols.R2))).toMatch(/^IF\(AND\(ISNUMBER/);
  expect(formulaOf(ws.getCell(k.actualRow, sheet.anchors!.yearCols.R2))).toBeNull();
});

test('every value stays findable after rows and columns are inserted and sheets renamed and reordered', async () => {
  const filled = fillActuals(plan, 11);
  const base = buildWorkbookLayout(filled);
  const sheets = base.sheets.map((s, i) => {
    if (s.kind !== 'item') return s;
    const a = s.anchors!;
    let out = insertRows(s, a.headerRow, 2); // above the KPI table
    out = insertRows(out, a.kpis[0].rateRow + 2, 1); // inside the first KPI block
    out = insertColumns(out, 1, 1); // before everything
    out = insertColumns(out, a.yearCols[filled.plan.years[1]] + 1, 2); // inside the years
    return { ...out, name: `改名${i}` };
  });
  const [overview, ...rest] = sheets;
  const meta = rest.pop()!;
  const shuffled: WorkbookLayout = { ...base, sheets: [meta, ...rest.reverse(), overview] };
  const back = workbookToPlan(await loadWorkbook(await writeWorkbookBuffer(shuffled)), 'moved.xlsx');
  expect(back.items.map((i) => i.id)).toEqual(filled.items.map((i) => i.id));
  expect(back.items.map((i) => i.kpis)).toEqual(filled.items.map((i) => i.kpis.map((k) => expect.objectContaining({ no: k.no, targets: k.targets, actuals: k.actuals }))));
  expect(back.items.map((i) => i.evaluations)).toEqual(filled.items.map((i) => i.evaluations));
});

test("merges never overlap (the writer indexes them without exceljs's overlap check)", () => {
  for (const sheet of layout.sheets) {
    const owner = new Map<string, number>();
    sheet.merges.forEach((m, i) => {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) {
          const key = `${r},${c}`;
          expect(owner.has(key) ? `${sheet.name} ${key} in merges ${owner.get(key)} and ${i}` : null).toBeNull();
          owner.set(key, i);
        }
    });
  }
});
