// The DX 個別取組票 in Excel's own terms, checked on the written .xlsx: protection with unlocked inputs,
// validation, conditional formats, A3 print setup, cached results on every formula and no volatile
// functions, non-overlapping merges, and values that stay findable after rows and columns are inserted
// and sheets renamed and reordered.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { DX_ANCHORS, DX_LABELS } from '../../src/layout/dx-sheet';
import type { SheetLayout, WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { insertColumns, insertRows } from '../support/shift';
import { dxPlan, fillR5 } from './support';

let plan: Plan;
let layout: WorkbookLayout;
let buffer: Buffer;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  plan = await dxPlan();
  layout = buildWorkbookLayout(plan);
  buffer = await writeWorkbookBuffer(layout);
  // Plain exceljs: this inspects what hyoka writes (data validations included, which the bounded loader strips).
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
});

const itemSheets = () => layout.sheets.filter((s) => s.kind === 'item');
const dxOf = (s: SheetLayout) => DX_ANCHORS.get(s)!;

test('one 個別取組票 per 実施項目 after 一覧, the metadata hidden last', () => {
  expect(wb.worksheets[0].name).toBe('一覧');
  expect(itemSheets()).toHaveLength(13);
  expect(wb.worksheets[wb.worksheets.length - 1].state).toBe('veryHidden');
  const first = wb.getWorksheet(itemSheets()[0].name)!;
  const texts = new Set<string>();
  first.eachRow((row) => row.eachCell((c) => texts.add(String(plainValue(c) ?? ''))));
  for (const label of [DX_LABELS.direction, DX_LABELS.leadDept, DX_LABELS.scheduleSection, DX_LABELS.progressSection, 'R5目標値', '令和3年度', '1四半期', '目標値', '進捗率'])
    expect(texts).toContain(label);
});

test('protected without a password: quarters, targets, names and schedule texts unlocked; progress locked', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect((ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection.sheet).toBe(true);
    const dx = dxOf(sheet);
    const item = plan.items.find((i) => i.id === dx.itemId)!;
    dx.kpis.forEach((k, i) => {
      expect(ws.getCell(k.actualRow, 2).protection?.locked).toBe(false); // name
      for (const y of plan.plan.years) {
        if (item.kpis[i].deleted && y === 'R5') continue;
        expect(ws.getCell(k.actualRow, dx.years[y].quarters[0]).protection?.locked).toBe(false);
        expect(ws.getCell(k.actualRow, dx.years[y].target).protection?.locked).toBe(false);
        expect(ws.getCell(k.progressRow, dx.years[y].quarters[0]).protection?.locked).not.toBe(false);
        // The year's rate is computed; a text phase's 達成/未達成 is typed.
        expect(ws.getCell(k.progressRow, dx.years[y].target).protection?.locked).toBe(item.kpis[i].direction === 'qualitative' ? false : undefined);
      }
    });
    for (const t of sheet.anchors!.schedule) expect(ws.getCell(t.planRow, sheet.anchors!.quarterCols.R3[0]).protection?.locked).toBe(false);
  }
});

test('quarter cells of numeric indicators accept numbers (a warning, so 「－」 stays typeable); judgements 達成/未達成', () => {
  const sheet = itemSheets().find((s) => dxOf(s).itemId === '1-1-4')!;
  const ws = wb.getWorksheet(sheet.name)!;
  const dx = dxOf(sheet);
  const numeric = dx.kpis.find((k) => k.no === 2)!;
  expect(ws.getCell(numeric.actualRow, dx.years.R5.quarters[3]).dataValidation).toMatchObject({ type: 'decimal', errorStyle: 'warning' });
  const phase = dx.kpis.find((k) => k.no === 1)!;
  expect(ws.getCell(phase.progressRow, dx.years.R5.target).dataValidation).toMatchObject({ type: 'list', formulae: ['"達成,未達成"'] });
});

test('progress cells turn green on track and red behind; schedule cells with text are shaded', () => {
  const looks = new Set(itemSheets().flatMap((s) => s.conditionalFormats.map((c) => c.look)));
  expect(looks).toEqual(new Set(['achieved', 'missed', 'scheduled', 'done']));
});

test('A3 landscape, one page per 実施項目, the plan name in the page header', () => {
  for (const sheet of itemSheets()) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    expect(ws.pageSetup.printArea).toMatch(/^A1:T\d+$/);
    expect(ws.headerFooter.oddHeader).toContain(plan.plan.title);
  }
});

test('every formula carries a cached result, and none is volatile', async () => {
  const zip = await JSZip.loadAsync(buffer);
  let formulas = 0;
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    for (const cell of xml.match(/<c [^>]*>[\s\S]*?<\/c>/g) ?? []) {
      if (!cell.includes('<f>')) continue;
      formulas++;
      expect(cell).toMatch(/<v>|<v\/>|<v><\/v>/);
      expect(cell).not.toMatch(/\b(INDIRECT|OFFSET|TODAY|NOW|RAND|RANDBETWEEN|INFO|CELL|LET)\(/);
    }
  }
  expect(formulas).toBeGreaterThan(2000);
});

test('merges never overlap', () => {
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

test('every value stays findable after rows and columns are inserted and sheets renamed and reordered', async () => {
  const filled = fillR5(plan, 31);
  const base = buildWorkbookLayout(filled);
  const sheets = base.sheets.map((s, i) => {
    if (s.kind !== 'item') return s;
    const a = s.anchors!;
    const dx = DX_ANCHORS.get(s)!;
    let out = insertRows(s, a.headerRow, 2); // above the progress table
    if (dx.kpis.length) out = insertRows(out, dx.kpis[0].actualRow + 1, 1); // between 実績 and 進捗率
    out = insertRows(out, 4, 1); // inside the header
    out = insertColumns(out, 1, 1); // before everything
    out = insertColumns(out, a.yearCols.R4 + 1, 2); // inside a year
    return { ...out, name: `改名${i}` };
  });
  const [overview, ...rest] = sheets;
  const meta = rest.pop()!;
  const shuffled: WorkbookLayout = { ...base, sheets: [meta, ...rest.reverse(), overview] };
  const back = workbookToPlan(await loadWorkbook(await writeWorkbookBuffer(shuffled)), 'moved.xlsx');
  expect(back.items.map((i) => i.id)).toEqual(filled.items.map((i) => i.id));
  expect(back.items.map((i) => i.kpis)).toEqual(filled.items.map((i) => i.kpis));
  expect(back.items.map((i) => i.schedule)).toEqual(filled.items.map((i) => i.schedule));
  expect(back.items.map((i) => i.reformContent)).toEqual(filled.items.map((i) => i.reformContent));
});
