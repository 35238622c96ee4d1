/// <reference types="office-js" />
// 監査 and 集計 in the task pane, against the mock Excel (tests/office/excel-mock.ts):
//   監査  the open workbook read as grids (2 syncs) and audited by auditGrids, the same recalculation
//         as `hyoka audit`: a generated workbook is clean; a rate typed over is found at exactly its
//         cell, and selecting the finding selects the cell (1 sync).
//   集計  three department workbooks (the bundled plan split in three, written by the exceljs writer),
//         a text file named broken.xlsx and a copy of one department's file, given as the bytes a
//         picked File gives: parsed by the bounded loader + the same reader, consolidated, and the four
//         summary sheets written into the open workbook in 2 syncs — no item lost, the broken file and
//         the duplicate named, department text written as text, cell for cell the summary layout.
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { a1 } from '../../src/layout/a1';
import { LOOKS } from '../../src/layout/styles';
import type { Plan } from '../../src/model/plan';
import { evaluatePlan } from '../../src/rules/evaluate';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { SHEETS } from '../../src/consolidate/summary-layout';
import { firstDataRow, summaryWorkbookLayout } from '../../src/consolidate/summary-sheets';
import { formulaInput } from '../../src/office/write-sheet';
import {
  auditOpenWorkbook,
  createWorkbook,
  loadSamplePlan,
  parseDepartmentFiles,
  selectFinding,
  writeConsolidation,
  type ParsedFiles,
  type PickedFile,
} from '../../src/taskpane/operations';
import { createMockExcel, type MockWorkbook } from '../office/excel-mock';

let sample: Plan;
beforeAll(async () => {
  sample = await loadSamplePlan();
});

const syncsOf = (context: { sync: () => Promise<void> }) => {
  const spy = jest.spyOn(context, 'sync');
  return () => {
    const n = spy.mock.calls.length;
    spy.mockClear();
    return n;
  };
};

describe('監査', () => {
  test('a generated workbook audits clean in 2 syncs; a rate typed over is found at exactly its cell, and selecting it selects the cell', async () => {
    const { context, book } = createMockExcel(['Sheet1']);
    await createWorkbook(context, sample);
    const syncs = syncsOf(context);

    const clean = await auditOpenWorkbook(context);
    expect(syncs()).toBe(2);
    expect(clean.syncs).toBe(2);
    expect(clean.audit.status).toBe('clean');
    expect(clean.findings).toEqual([]);
    expect(clean.sheets).toBe(30);
    expect(clean.kpiYears).toBe(sample.items.reduce((n, it) => n + it.kpis.length, 0) * sample.plan.years.length);

    // A clerk types 95% over the R3 rate of KPI ① on the first item sheet.
    const sheet = buildWorkbookLayout(sample).sheets.find((s) => s.anchors?.itemId === sample.items[0].id)!;
    const a = sheet.anchors!;
    const rate = a1(a.kpis[0].rateRow, a.yearCols.R3);
    book.sheet(sheet.name)!.cell(a.kpis[0].rateRow, a.yearCols.R3).input = 0.95; // what typing 「95%」 leaves in Excel
    const tampered = await auditOpenWorkbook(context);
    expect(syncs()).toBe(2);
    expect(tampered.audit.status).toBe('findings');
    expect(tampered.findings.map((f) => [f.kind, f.sheet, f.cell])).toEqual([['formula-overwritten', sheet.name, rate]]);
    const f = tampered.findings[0];
    const expected = evaluatePlan(sample).items[0].kpis[0].years.R3.display;
    expect(f).toMatchObject({ item: sample.items[0].id, kpi: 1, year: 'R3', expected, found: 0.95 });
    expect(f.formula).toMatch(/^=/);
    expect(f.ja.length).toBeGreaterThan(0);
    expect(f.en.length).toBeGreaterThan(0);

    // Clicking the finding (or Enter on it) selects its cell: one sync.
    book.activeSheet = book.sheet('一覧')!;
    expect(await selectFinding(context, f)).toBe(1);
    expect(syncs()).toBe(1);
    expect(book.selection).toEqual({ sheet: sheet.name, address: rate });
    expect(book.activeSheet?.name).toBe(sheet.name);
  });

  test('a workbook without evaluation sheets cannot be audited, and says why', async () => {
    const { context } = createMockExcel(['Sheet1']);
    const r = await auditOpenWorkbook(context);
    expect(r.audit.status).toBe('unreadable');
    expect(r.findings).toEqual([]);
    expect(r.audit.problems[0].ja.length).toBeGreaterThan(0);
    expect(r.audit.problems[0].en.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------

const INJECTED = '=HYPERLINK("http://example.com","x")';

/** A picked file as the pane gets it (a File has name, size and arrayBuffer()). */
function picked(name: string, bytes: Uint8Array, reads?: string[]): PickedFile {
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () => {
      reads?.push(name);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

/** Rows of a summary sheet below its header, as Excel shows them (column 1-based). */
function rowsOf(book: MockWorkbook, sheet: string, first: number): (string | number | boolean)[][] {
  const s = book.sheet(sheet)!;
  let last = 0;
  let right = 0;
  for (const key of s.cells.keys()) {
    const [r, c] = key.split(',').map(Number);
    if (s.peek(r, c)!.input !== '') {
      last = Math.max(last, r);
      right = Math.max(right, c);
    }
  }
  const rows: (string | number | boolean)[][] = [];
  for (let r = first; r <= last; r++) rows.push([null as unknown as string, ...Array.from({ length: right }, (_, i) => book.valueAt(sheet, r, i + 1))]);
  return rows;
}

describe('集計', () => {
  let plan: Plan;
  let groups: Plan['items'][];
  let parsed: ParsedFiles;
  let progress: [number, number, string][];
  let reads: string[];
  let excel: ReturnType<typeof createMockExcel>;
  let written: Awaited<ReturnType<typeof writeConsolidation>>;
  let writeSyncs: number;

  beforeAll(async () => {
    plan = JSON.parse(JSON.stringify(sample));
    // Formula-like text in the 要因分析 of a missed KPI-year, so it reaches 未達成.
    const result = evaluatePlan(plan);
    const i = result.items.findIndex((it) => it.kpis.some((k) => k.years.R2.achieved === false));
    plan.items[i].evaluations.R2 = { ...plan.items[i].evaluations.R2, factors: INJECTED };

    // Three departments' workbooks: the plan's items in three groups, by 取組所属.
    const depts = [...new Set(plan.items.map((it) => it.leadDept))];
    groups = [0, 1, 2].map((g) => plan.items.filter((it) => depts.indexOf(it.leadDept) % 3 === g));
    expect(groups.every((g) => g.length > 0)).toBe(true);
    const files: PickedFile[] = [];
    const workbooks: Uint8Array[] = [];
    reads = [];
    for (const [g, items] of groups.entries()) {
      workbooks.push(new Uint8Array(await writeWorkbookBuffer(buildWorkbookLayout({ ...plan, items }))));
      files.push(picked(`部署${g + 1}.xlsx`, workbooks[g], reads));
    }
    files.push(picked('broken.xlsx', new TextEncoder().encode('this is not a workbook\n'), reads));
    files.push(picked('copy of 部署2.xlsx', workbooks[1], reads));
    // Larger than the bounded loader allows (50 MB): refused from its size, never read.
    files.push({ name: 'huge.xlsx', size: 60 * 1024 * 1024, arrayBuffer: async () => (reads.push('huge.xlsx'), new ArrayBuffer(0)) });

    progress = [];
    parsed = await parseDepartmentFiles(files, (done, total, file) => progress.push([done, total, file]));

    // The open workbook already has a 集計 sheet (an earlier run): it is replaced in place.
    excel = createMockExcel(['Sheet1', '集計', 'メモ']);
    excel.book.sheet('集計')!.cell(1, 1).input = 'old summary';
    const syncs = syncsOf(excel.context);
    written = await writeConsolidation(excel.context, parsed);
    writeSyncs = syncs();
  });

  test('every file read once, in order, with progress per file; the huge one refused before its bytes were read', () => {
    expect(reads).toEqual(['部署1.xlsx', '部署2.xlsx', '部署3.xlsx', 'broken.xlsx', 'copy of 部署2.xlsx']);
    expect(progress).toEqual([
      [0, 6, '部署1.xlsx'],
      [1, 6, '部署2.xlsx'],
      [2, 6, '部署3.xlsx'],
      [3, 6, 'broken.xlsx'],
      [4, 6, 'copy of 部署2.xlsx'],
      [5, 6, 'huge.xlsx'],
      [6, 6, ''],
    ]);
  });

  test('the four sheets written in 2 syncs; an existing 集計 replaced in its place', () => {
    expect(writeSyncs).toBe(2);
    expect(written.syncs).toBe(2);
    expect(written.sheets).toEqual([SHEETS.items, SHEETS.rollups, SHEETS.misses, SHEETS.files]);
    expect(written.replaced).toEqual(['集計']);
    expect(excel.book.sheets.map((s) => s.name)).toEqual(['Sheet1', '集計', 'メモ', SHEETS.items, SHEETS.misses, SHEETS.files]);
    expect(excel.book.activeSheet?.name).toBe(SHEETS.items);
    expect(excel.book.valueAt('集計', 1, 1)).not.toBe('old summary');
  });

  test('no item lost: every item of the three departments, every KPI, with its source file', () => {
    const c = parsed.consolidation;
    expect(c.totals).toMatchObject({ files: 6, read: 4, unreadable: 2, items: 30, duplicates: groups[1].length });
    expect(c.items.map((it) => it.id).sort()).toEqual(sample.items.map((it) => it.id).sort());
    const summary = parsed.summary.sheets.find((s) => s.name === SHEETS.items)!;
    const rows = rowsOf(excel.book, SHEETS.items, firstDataRow(summary));
    expect(rows).toHaveLength(sample.items.reduce((n, it) => n + Math.max(1, it.kpis.length), 0));
    const fileCol = 7 + 2 * sample.plan.years.length;
    for (const [g, items] of groups.entries())
      for (const item of items) {
        const its = rows.filter((r) => r[1] === item.no);
        expect([item.id, its.length]).toEqual([item.id, Math.max(1, item.kpis.length)]);
        for (const r of its) expect(r[fileCol]).toBe(`部署${g + 1}.xlsx`);
      }
  });

  test('the broken file, the huge one and the duplicate are named, with why', () => {
    const files = parsed.consolidation.files;
    const broken = files.find((f) => f.file === 'broken.xlsx')!;
    expect(broken.status).toBe('unreadable');
    expect(broken.problem?.en).toMatch(/not an \.xlsx \(zip\) file.*text file/);
    expect(broken.problem?.ja).toContain('テキストファイル');
    expect(files.find((f) => f.file === 'huge.xlsx')).toMatchObject({ status: 'unreadable', problem: { en: expect.stringContaining('too large') } });
    const copy = files.find((f) => f.file === 'copy of 部署2.xlsx')!;
    expect(copy.status).toBe('duplicates');
    expect(copy.items).toEqual([]);
    expect(copy.duplicates.map((d) => d.id).sort()).toEqual(groups[1].map((it) => it.id).sort());
    for (const d of copy.duplicates) expect(d).toMatchObject({ keptFrom: '部署2.xlsx', identical: true });

    const summary = parsed.summary.sheets.find((s) => s.name === SHEETS.files)!;
    const rows = rowsOf(excel.book, SHEETS.files, firstDataRow(summary));
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['部署1.xlsx', '読込済'],
      ['部署2.xlsx', '読込済'],
      ['部署3.xlsx', '読込済'],
      ['broken.xlsx', '読込不可'],
      ['copy of 部署2.xlsx', '重複あり'],
      ['huge.xlsx', '読込不可'],
    ]);
    expect(String(rows[3][7])).toContain(broken.problem!.ja);
    for (const it of groups[1]) expect(String(rows[4][6])).toContain(it.id);
  });

  test('cell for cell the summary layout; department text stays text (never a formula)', () => {
    const layout = summaryWorkbookLayout(parsed.summary);
    const differ: string[] = [];
    for (const sheet of layout.sheets) {
      const mock = excel.book.sheet(sheet.name)!;
      for (const c of sheet.cells) {
        if (c.value === undefined) continue;
        const cell = mock.peek(c.row, c.col);
        if (cell?.input !== c.value) differ.push(`${sheet.name}!${a1(c.row, c.col)}: ${JSON.stringify(cell?.input)} ≠ ${JSON.stringify(c.value)}`);
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
    // No formula anywhere in the four sheets (a text starting with '=' was typed with an apostrophe).
    for (const name of Object.values(SHEETS))
      for (const cell of excel.book.sheet(name)!.cells.values()) expect([name, typeof cell.input === 'string' && cell.input.startsWith('=') && !cell.quotePrefix]).toEqual([name, false]);
    // The injected text reached 未達成 as text (written with an apostrophe, kept as typed).
    const misses = excel.book.sheet(SHEETS.misses)!;
    const injected = [...misses.cells.values()].filter((c) => c.input === INJECTED);
    expect(injected.length).toBeGreaterThan(0);
    expect(injected.every((c) => c.quotePrefix)).toBe(true);
    expect(formulaInput({ value: INJECTED })).toBe(`'${INJECTED}`);
  });

  test('what the exceljs summary adds, in Office.js: green / red / yellow cells, data bars on the rates, filters', () => {
    const items = parsed.summary.sheets.find((s) => s.name === SHEETS.items)!;
    const first = firstDataRow(items);
    const mock = excel.book.sheet(SHEETS.items)!;
    const fills = new Map<string, number>();
    items.rows.forEach((cells, i) =>
      cells.forEach((cell, c) => {
        if (!cell.look) return;
        const got = mock.peek(first + i, c + 1)!;
        expect([cell.look, got.fill, got.font.color]).toEqual([cell.look, `#${LOOKS[cell.look].fill.slice(2)}`, `#${LOOKS[cell.look].font.slice(2)}`]);
        fills.set(cell.look, (fills.get(cell.look) ?? 0) + 1);
      }),
    );
    expect(fills.get('achieved')).toBeGreaterThan(10);
    expect(fills.get('missed')).toBeGreaterThan(10);
    // A cell without a look keeps its style's (no) fill.
    expect(mock.peek(first, 1)!.fill).toBeNull();

    const rollups = parsed.summary.sheets.find((s) => s.name === SHEETS.rollups)!;
    const bars = excel.book.sheet(SHEETS.rollups)!.conditionalFormats.filter((cf) => cf.type === 'DataBar');
    expect(bars).toHaveLength(rollups.dataBars.length);
    for (const bar of bars) expect(bar.dataBar).toMatchObject({ lower: { type: 'Number', formula: '0' }, upper: { type: 'Number', formula: '100' }, fillColor: '#9BC2E6', gradientFill: false });
    expect(excel.book.sheet(SHEETS.items)!.autoFilter).toMatch(/^A3:[A-Z]+\d+$/);
    expect(excel.book.sheet(SHEETS.misses)!.autoFilter).toMatch(/^A3:N\d+$/);
    expect(excel.book.sheet(SHEETS.files)!.autoFilter).toBeNull();
  });

  test('the evaluation sheets and the summary in one workbook: 監査 reads past the summary and finds nothing', async () => {
    const { context, book } = createMockExcel(['Sheet1']);
    await createWorkbook(context, sample);
    await writeConsolidation(context, parsed);
    expect(book.sheets.map((s) => s.name).slice(-4)).toEqual([SHEETS.items, SHEETS.rollups, SHEETS.misses, SHEETS.files]);
    const r = await auditOpenWorkbook(context);
    expect([r.audit.status, r.findings, r.sheets]).toEqual(['clean', [], 30]);
  });

  test('nothing readable: nothing to write, every file still named', async () => {
    const none = await parseDepartmentFiles([picked('a.xlsx', new Uint8Array([1, 2, 3])), picked('b.xlsx', new Uint8Array(0))]);
    expect(none.consolidation.totals).toMatchObject({ files: 2, read: 0, unreadable: 2, items: 0 });
    expect(none.consolidation.files.map((f) => [f.file, f.status])).toEqual([
      ['a.xlsx', 'unreadable'],
      ['b.xlsx', 'unreadable'],
    ]);
  });
});
