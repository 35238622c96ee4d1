/// <reference types="office-js" />
// The Office.js adapter against a mock Excel (office-addin-mock + tests/office/excel-mock.ts): the
// bundled plan rendered through it must give the same cells, formulas, number formats, styles, merges,
// validations, conditional formats and sheet settings as the exceljs writer, in a bounded number of
// context.sync() calls.
import fs from 'fs';
import path from 'path';
import type ExcelJS from 'exceljs';
import { loadPlanFile } from '../../src/cli/plan-file';
import { columnLetter } from '../../src/layout/a1';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import type { Plan } from '../../src/model/plan';
import { parsePlan } from '../../src/model/validate';
import { formulaOf } from '../../src/xlsx/cells';
import { renderWorkbook } from '../../src/xlsx/write';
import {
  addressChunks,
  columnWidthPoints,
  formulaInput,
  needsTextPrefix,
  readSheetValues,
  rectangles,
  REQUEST_LIMIT_BYTES,
  SheetExistsError,
  writeSheet,
  writeWorkbook,
} from '../../src/office/write-sheet';
import { createMockExcel, rectText, type MockSheet } from './excel-mock';

const ROOT = path.join(__dirname, '..', '..');

/** The bundled plan: seeds/gunma-2020.json, or assembled from seeds/parts/ as scripts/merge-seeds.js does. */
async function bundledPlan(): Promise<Plan> {
  const file = path.join(ROOT, 'seeds', 'gunma-2020.json');
  if (fs.existsSync(file)) return loadPlanFile(file);
  const dir = path.join(ROOT, 'seeds', 'parts');
  const header = JSON.parse(fs.readFileSync(path.join(dir, 'gunma-2020.header.json'), 'utf8'));
  const items = fs
    .readdirSync(dir)
    .filter((f) => /^gunma-2020\.items-.*\.json$/.test(f))
    .sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const result = parsePlan({ version: 1, plan: header.plan, kgis: header.kgis, items });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
  return result.plan;
}

// ---------------------------------------------------------------------------------------------------
// Normalized snapshots of one sheet, from exceljs and from the mock

interface CellSnap {
  input: string | number | boolean;
  numFmt: string;
  font: string;
  fill: string | null;
  align: string;
  locked: boolean;
  borders: string;
}

const H = { left: 'Left', center: 'Center', right: 'Right' } as Record<string, string>;
const V = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as Record<string, string>;
const rgb = (argb?: string) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

function exceljsCells(ws: ExcelJS.Worksheet): Map<string, CellSnap> {
  const out = new Map<string, CellSnap>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const covered = cell.isMerged && cell.master !== cell;
      const f = covered ? null : formulaOf(cell);
      const v = cell.value as unknown;
      const input = covered ? '' : f !== null ? `=${f}` : v === null || v === undefined ? '' : (v as string | number | boolean);
      const s = cell.style ?? {};
      const border = (side: 'top' | 'bottom' | 'left' | 'right') => {
        const b = s.border?.[side];
        return b?.style ? `${b.style}${rgb(b.color?.argb) ?? ''}` : '-';
      };
      const fill = s.fill && s.fill.type === 'pattern' && s.fill.pattern === 'solid' ? (rgb((s.fill.fgColor as { argb?: string })?.argb) ?? null) : null;
      out.set(cell.address, {
        input,
        numFmt: cell.numFmt || 'General',
        font: `${s.font?.name ?? 'Calibri'}|${s.font?.size ?? 11}|${!!s.font?.bold}|${rgb(s.font?.color?.argb) ?? '#000000'}`,
        fill,
        align: `${H[s.alignment?.horizontal ?? ''] ?? 'General'}|${V[s.alignment?.vertical ?? ''] ?? 'Bottom'}|${!!s.alignment?.wrapText}|${!!s.alignment?.shrinkToFit}`,
        locked: s.protection?.locked ?? true,
        borders: (['top', 'bottom', 'left', 'right'] as const).map(border).join(' '),
      });
    }),
  );
  return out;
}

function mockCells(sheet: MockSheet): Map<string, CellSnap> {
  const out = new Map<string, CellSnap>();
  for (const [key, c] of sheet.cells) {
    const [r, col] = key.split(',').map(Number);
    const border = (side: 'top' | 'bottom' | 'left' | 'right') => {
      const b = c.borders[side];
      return b?.style === 'Continuous' && b.weight === 'Thin' ? `thin${b.color ?? ''}` : '-';
    };
    out.set(`${columnLetter(col)}${r}`, {
      input: c.input,
      numFmt: c.numberFormat,
      font: `${c.font.name}|${c.font.size}|${c.font.bold}|${c.font.color}`,
      fill: c.fill,
      align: `${c.horizontalAlignment}|${c.verticalAlignment}|${c.wrapText}|${c.shrinkToFit}`,
      locked: c.locked,
      borders: (['top', 'bottom', 'left', 'right'] as const).map(border).join(' '),
    });
  }
  return out;
}

const EMPTY: CellSnap = { input: '', numFmt: 'General', font: 'Calibri|11|false|#000000', fill: null, align: 'General|Bottom|false|false', locked: true, borders: '- - - -' };

/** Every difference between the exceljs sheet and the mock sheet, as readable lines. */
function differences(ws: ExcelJS.Worksheet, sheet: MockSheet): string[] {
  const diffs: string[] = [];
  const a = exceljsCells(ws);
  const b = mockCells(sheet);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? EMPTY;
    const y = b.get(key) ?? EMPTY;
    for (const k of Object.keys(EMPTY) as (keyof CellSnap)[])
      if (x[k] !== y[k]) diffs.push(`${sheet.name}!${key} ${k}: exceljs ${JSON.stringify(x[k])} ≠ office ${JSON.stringify(y[k])}`);
  }
  // Merges
  const wsMerges = ((ws.model as unknown as { merges: string[] }).merges ?? []).slice().sort();
  const mockMerges = sheet.merges.map(rectText).sort();
  if (JSON.stringify(wsMerges) !== JSON.stringify(mockMerges)) diffs.push(`${sheet.name} merges: ${wsMerges.length} vs ${mockMerges.length}`);
  // Columns and rows
  ws.columns?.forEach((col, i) => {
    if (col.width !== undefined && sheet.columnWidths.get(i + 1) !== columnWidthPoints(col.width)) diffs.push(`${sheet.name} column ${i + 1} width`);
    if (!!col.hidden !== sheet.hiddenColumns.has(i + 1)) diffs.push(`${sheet.name} column ${i + 1} hidden`);
  });
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (row.height !== undefined && sheet.rowHeights.get(n) !== row.height) diffs.push(`${sheet.name} row ${n} height ${row.height} vs ${sheet.rowHeights.get(n)}`);
  });
  for (const [n, h] of sheet.rowHeights) if (ws.getRow(n).height !== h) diffs.push(`${sheet.name} row ${n} height set only in office`);
  // Validations: exceljs keys them by cell address
  const wsDv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  const dvText = (type: string, allow: string, title?: string, prompt?: string, errTitle?: string, err?: string, style?: string) =>
    [type, allow, title, prompt, errTitle, err, style].join('|');
  const wsDvs = Object.entries(wsDv)
    .filter(([, v]) => v)
    .map(([ref, v]) => `${ref}|${dvText(v!.type, v!.type === 'list' ? String(v!.formulae[0]).replace(/^"|"$/g, '') : v!.formulae.join(','), v!.promptTitle, v!.prompt, v!.errorTitle, v!.error, v!.errorStyle === 'warning' ? 'Warning' : 'Stop')}`)
    .sort();
  const mockDvs = sheet.validations
    .map((v) => {
      const rule = v.rule!;
      const type = rule.list ? 'list' : 'decimal';
      const allow = rule.list ? String(rule.list.source) : `${rule.decimal!.formula1},${rule.decimal!.formula2}`;
      expect(v.ignoreBlanks).toBe(true);
      return `${rectText(v.rect)}|${dvText(type, allow, v.prompt?.title, v.prompt?.message, v.errorAlert?.title, v.errorAlert?.message, v.errorAlert?.style)}`;
    })
    .sort();
  if (JSON.stringify(wsDvs) !== JSON.stringify(mockDvs)) diffs.push(`${sheet.name} validations differ:\n${wsDvs.slice(0, 3).join('\n')}\n--\n${mockDvs.slice(0, 3).join('\n')}`);
  // Conditional formats: per range, rules in priority order
  const cfKey = (ref: string, formula: string, fill?: string, font?: string) => `${ref}|${formula}|${fill}|${font}`;
  const formattings = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
  const wsCf = formattings
    .flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, r: r as ExcelJS.ExpressionRuleType })))
    .sort((p, q) => p.ref.localeCompare(q.ref) || (p.r.priority ?? 0) - (q.r.priority ?? 0))
    .map(({ ref, r }) => cfKey(ref, `=${r.formulae![0]}`, rgb((r.style?.fill as ExcelJS.FillPattern)?.bgColor?.argb), rgb(r.style?.font?.color?.argb)));
  const order = new Map<string, number>();
  const mockCf = sheet.conditionalFormats
    .map((cf, i) => (order.set(rectText(cf.rect), order.get(rectText(cf.rect)) ?? i), { cf, i }))
    .sort((p, q) => rectText(p.cf.rect).localeCompare(rectText(q.cf.rect)) || p.i - q.i)
    .map(({ cf }) => (expect(cf.type).toBe('Custom'), cfKey(rectText(cf.rect), cf.formula!, cf.fill, cf.font)));
  if (JSON.stringify(wsCf) !== JSON.stringify(mockCf)) diffs.push(`${sheet.name} conditional formats differ (${wsCf.length} vs ${mockCf.length})`);
  // Sheet settings
  if ((ws.state === 'veryHidden') !== (sheet.visibility === 'VeryHidden')) diffs.push(`${sheet.name} visibility`);
  const prot = (ws as unknown as { sheetProtection?: { formatColumns?: boolean; formatRows?: boolean } }).sheetProtection;
  if (!!prot !== sheet.protection.protected) diffs.push(`${sheet.name} protection`);
  if (prot && (!sheet.protection.options?.allowFormatColumns || !sheet.protection.options?.allowFormatRows || sheet.protection.options.allowFormatCells))
    diffs.push(`${sheet.name} protection options`);
  if ((rgb(ws.properties.tabColor?.argb) ?? '') !== sheet.tabColor) diffs.push(`${sheet.name} tab colour`);
  const view = ws.views[0] as unknown as { showGridLines?: boolean; state?: string; xSplit?: number; ySplit?: number } | undefined;
  if ((view?.showGridLines ?? true) !== sheet.showGridlines) diffs.push(`${sheet.name} gridlines`);
  const frozen = view?.state === 'frozen' ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : null;
  if (JSON.stringify(frozen) !== JSON.stringify(sheet.freeze)) diffs.push(`${sheet.name} freeze ${JSON.stringify(frozen)} vs ${JSON.stringify(sheet.freeze)}`);
  const ps = ws.pageSetup;
  if (ps.printArea || ps.paperSize) {
    const p = sheet.page;
    const paper = { 8: 'A3', 9: 'A4' }[ps.paperSize as unknown as number];
    if (p.paperSize !== paper) diffs.push(`${sheet.name} paper`);
    if (p.orientation !== (ps.orientation === 'landscape' ? 'Landscape' : 'Portrait')) diffs.push(`${sheet.name} orientation`);
    if (JSON.stringify(p.zoom) !== JSON.stringify({ horizontalFitToPages: ps.fitToWidth, verticalFitToPages: ps.fitToHeight })) diffs.push(`${sheet.name} fit to pages`);
    if ((p.printArea ?? undefined) !== (ps.printArea ?? undefined)) diffs.push(`${sheet.name} print area`);
    const titles = ps.printTitlesRow ? `$${ps.printTitlesRow.replace(':', ':$')}` : undefined;
    if (p.printTitleRows !== titles) diffs.push(`${sheet.name} print titles ${p.printTitleRows} vs ${titles}`);
    if (`&C${p.centerHeader}` !== ws.headerFooter.oddHeader || `&C${p.centerFooter}` !== ws.headerFooter.oddFooter) diffs.push(`${sheet.name} header/footer`);
    if (p.leftMargin !== (ps.margins?.left ?? 0) * 72 || p.topMargin !== (ps.margins?.top ?? 0) * 72) diffs.push(`${sheet.name} margins`);
  }
  return diffs;
}

// ---------------------------------------------------------------------------------------------------

let plan: Plan;
let layout: WorkbookLayout;
let excel: ExcelJS.Workbook;

beforeAll(async () => {
  plan = await bundledPlan();
  layout = buildWorkbookLayout(plan);
  excel = await renderWorkbook(layout);
});

describe('writeWorkbook: the bundled plan through Office.js equals the exceljs file', () => {
  test('every sheet, cell, formula, number format, style, merge, validation and conditional format', async () => {
    expect(plan.items.length).toBe(30);
    const { context, book } = createMockExcel(['Sheet1']);
    const syncSpy = jest.spyOn(context, 'sync');
    const progress: number[] = [];
    const report = await writeWorkbook(context, layout, (p) => progress.push(p.done / p.total));

    // Round trips
    expect(syncSpy.mock.calls.length).toBe(report.syncs);
    expect(report.syncs).toBeLessThanOrEqual(10);
    expect(report.syncs).toBe(1 + report.batches);
    expect(progress[progress.length - 1]).toBe(1);
    for (const r of book.requests) expect(r.bytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    // Calculation suspended in every batch but the last (whose automatic recalculation catches up);
    // screen updating in every batch.
    expect(book.calculationSuspendedAt).toEqual(Array.from({ length: report.batches - 1 }, (_, i) => i + 1));
    expect(book.screenSuspendedAt).toEqual(Array.from({ length: report.batches }, (_, i) => i + 1));
    console.log(
      `whole plan (${layout.sheets.length} sheets): ${report.syncs} syncs (1 name check + ${report.batches} batches); estimated ${(report.bytes / 1e6).toFixed(2)} MB, largest batch ${(report.largestBatchBytes / 1e6).toFixed(2)} MB; mock-measured ${book.requests.map((r) => `${r.calls} calls/${(r.bytes / 1e6).toFixed(2)} MB`).join(', ')}`,
    );

    // Same sheets, same order (after the sheet that was there), same title
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', ...excel.worksheets.map((w) => w.name)]);
    expect((context.workbook.properties as { title: string }).title).toBe(excel.title);
    expect(book.activeSheet?.name).toBe(layout.sheets[0].name);

    const diffs: string[] = [];
    for (const ws of excel.worksheets) diffs.push(...differences(ws, book.sheet(ws.name)!));
    expect(diffs.slice(0, 30)).toEqual([]);
  });

  test('the comparison itself notices a wrong value, format, style, merge, validation or rule order', async () => {
    const sheet = layout.sheets.find((s) => s.kind === 'item' && s.conditionalFormats.length > 1 && s.validations.length > 0)!;
    const ws = excel.getWorksheet(sheet.name)!;
    const fresh = async () => {
      const { context, book } = createMockExcel();
      await writeSheet(context, sheet);
      const m = book.sheet(sheet.name)!;
      expect(differences(ws, m)).toEqual([]);
      return m;
    };
    expect(exceljsCells(ws).size).toBeGreaterThan(500);
    const formulaCell = sheet.cells.find((c) => c.formula)!;
    const numberCell = sheet.cells.find((c) => c.numFmt)!;
    const styled = sheet.cells.find((c) => c.style === 'label')!;
    const mutations: [string, (m: MockSheet) => void][] = [
      ['input', (m) => (m.cell(formulaCell.row, formulaCell.col).input = 'x')],
      ['numFmt', (m) => (m.cell(numberCell.row, numberCell.col).numberFormat = 'General')],
      ['fill', (m) => (m.cell(styled.row, styled.col).fill = null)],
      ['font', (m) => (m.cell(styled.row, styled.col).font.bold = false)],
      ['borders', (m) => delete m.cell(styled.row, styled.col).borders.left],
      ['locked', (m) => (m.cell(styled.row, styled.col).locked = false)],
      ['merges', (m) => m.merges.pop()],
      ['validations', (m) => (m.validations[0].errorAlert = { ...m.validations[0].errorAlert!, style: 'Information' as Excel.DataValidationAlertStyle })],
      ['conditional formats', (m) => m.conditionalFormats.reverse()],
      ['column', (m) => m.hiddenColumns.clear()],
      ['row', (m) => m.rowHeights.clear()],
      ['protection', (m) => (m.protection = { protected: false })],
    ];
    for (const [what, mutate] of mutations) {
      const m = await fresh();
      mutate(m);
      expect([what, differences(ws, m).length > 0]).toEqual([what, true]);
    }
  });

  test('a small batch budget gives more, smaller batches and still the same workbook', async () => {
    const { context, book } = createMockExcel();
    const report = await writeWorkbook(context, layout, undefined, { maxBatchBytes: 400_000 });
    expect(report.batches).toBeGreaterThan(3);
    expect(report.batches).toBeLessThanOrEqual(Math.ceil(report.bytes / 400_000) + 2);
    expect(report.largestBatchBytes).toBeLessThanOrEqual(400_000);
    const diffs: string[] = [];
    for (const ws of excel.worksheets) diffs.push(...differences(ws, book.sheet(ws.name)!));
    expect(diffs.slice(0, 30)).toEqual([]);
  });
});

describe('writeSheet: one item sheet', () => {
  test('every item sheet alone: ≤ 3 syncs, and the same as exceljs', async () => {
    const counts: number[] = [];
    for (const sheet of layout.sheets.filter((s) => s.kind === 'item')) {
      const { context, book } = createMockExcel(['Sheet1']);
      const syncSpy = jest.spyOn(context, 'sync');
      const report = await writeSheet(context, sheet);
      counts.push(syncSpy.mock.calls.length);
      expect(syncSpy.mock.calls.length).toBe(report.syncs);
      // Cells, formats and merges as exceljs (formulas to other sheets are fine: none on item sheets)
      expect(differences(excel.getWorksheet(sheet.name)!, book.sheet(sheet.name)!).slice(0, 20)).toEqual([]);
    }
    console.log(`item sheets alone: syncs per sheet ${Math.min(...counts)}–${Math.max(...counts)}`);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
  });

  test('the sync count does not grow with the number of KPIs', async () => {
    const sizes = layout.sheets.filter((s) => s.kind === 'item').map((s) => s.anchors!.kpis.length);
    const largest = layout.sheets.find((s) => s.anchors?.kpis.length === Math.max(...sizes))!;
    const smallest = layout.sheets.find((s) => s.anchors?.kpis.length === Math.min(...sizes))!;
    const syncs = async (sheet: typeof largest) => {
      const { context } = createMockExcel();
      return (await writeSheet(context, sheet)).syncs;
    };
    expect(await syncs(largest)).toBe(await syncs(smallest));
  });

  test("an existing sheet of the same name: refused by default, nothing written", async () => {
    const sheet = layout.sheets[1];
    const { context, book } = createMockExcel([sheet.name.toUpperCase()]);
    await expect(writeSheet(context, sheet)).rejects.toBeInstanceOf(SheetExistsError);
    expect(book.sheets.map((s) => s.name)).toEqual([sheet.name.toUpperCase()]);
    expect(book.sheets[0].cells.size).toBe(0);
  });

  test("existing: 'replace' writes the new sheet and deletes the old one, in the same sync budget", async () => {
    const sheet = layout.sheets[1];
    const { context, book } = createMockExcel(['Sheet1', sheet.name]);
    const old = book.sheets[1];
    old.visibility = 'VeryHidden';
    const report = await writeSheet(context, sheet, { existing: 'replace' });
    expect(report.syncs).toBeLessThanOrEqual(3);
    expect(report.replaced).toEqual([sheet.name]);
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', sheet.name]);
    expect(book.sheets).not.toContain(old);
    expect(differences(excel.getWorksheet(sheet.name)!, book.sheet(sheet.name)!)).toEqual([]);
  });
});

describe('readSheetValues', () => {
  test('reads a written sheet back in one sync', async () => {
    const sheet = layout.sheets[1];
    const { context } = createMockExcel();
    await writeSheet(context, sheet);
    const syncSpy = jest.spyOn(context, 'sync');
    const read = await readSheetValues(context, sheet.name);
    expect(syncSpy).toHaveBeenCalledTimes(1);
    expect(read.top).toBe(1);
    expect(read.left).toBe(1);
    for (const c of sheet.cells) {
      if (c.formula === undefined && (c.value === undefined || c.value === null)) continue;
      const expected = c.formula !== undefined ? `=${c.formula}` : c.value;
      expect([`${columnLetter(c.col)}${c.row}`, read.formulas[c.row - read.top][c.col - read.left]]).toEqual([`${columnLetter(c.col)}${c.row}`, expected]);
      if (c.numFmt) expect(read.numberFormat[c.row - read.top][c.col - read.left]).toBe(c.numFmt);
    }
  });

  test('an empty sheet reads as nothing', async () => {
    const { context } = createMockExcel(['空']);
    const read = await readSheetValues(context, '空');
    expect(read).toMatchObject({ top: 0, left: 0, values: [] });
  });
});

describe('conversions', () => {
  test('text Excel would read as a number, date or formula gets an apostrophe; plain Japanese text does not', () => {
    for (const s of ['123', '１２３', '75%', '2020/4/1', '4月1日', 'R2.4.1', '令和2年4月', '-', '－5', '=SUM(A1)', "'quoted", 'TRUE', '#N/A', '(5)', '1,000人', ' 12'])
      expect([s, needsTextPrefix(s)]).toEqual([s, true]);
    for (const s of ['電子申請', '－', '達成', '■', 'ＩＣＴ人材', '約200件', 'PFI導入', '（単位：％）'])
      expect([s, needsTextPrefix(s)]).toEqual([s, false]);
    expect(formulaInput({ formula: 'A1+1' })).toBe('=A1+1');
    expect(formulaInput({ value: '75%以上' })).toBe("'75%以上");
    expect(formulaInput({ value: 3.5 })).toBe(3.5);
    expect(formulaInput({ value: null })).toBe('');
  });

  test('column widths: character units to points', () => {
    expect(columnWidthPoints(9)).toBe(47.25);
    expect(columnWidthPoints(7.5)).toBe(39.75);
    expect(columnWidthPoints(34)).toBe(178.5);
  });

  test('rectangles and address chunks', () => {
    const cells = [
      { row: 1, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 1 },
      { row: 2, col: 2 },
      { row: 4, col: 1 },
      { row: 4, col: 3 },
    ];
    expect(rectangles(cells)).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 4, left: 1, bottom: 4, right: 1 },
      { top: 4, left: 3, bottom: 4, right: 3 },
    ]);
    const chunks = addressChunks(Array.from({ length: 100 }, (_, i) => `A${i + 1}:B${i + 1}`));
    expect(chunks.every((c) => c.length <= 255)).toBe(true);
    expect(chunks.join(',').split(',')).toHaveLength(100);
  });
});
