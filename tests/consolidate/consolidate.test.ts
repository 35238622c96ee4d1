// hyoka consolidate over a folder of department workbooks: the bundled plan split per 取組所属,
// one workbook each, plus a broken file and a duplicate. The summary is written, names both, loses
// no item, its rollups equal the engine's on the whole plan, its 未達成 sheet lists exactly the
// missed KPI-years, and formula-like text from department files stays text.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Command } from 'commander';
import { main, type CliContext } from '../../src/cli/main';
import { registerConsolidate } from '../../src/cli/consolidate-command';
import { loadPlanFile } from '../../src/cli/plan-file';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { evaluatePlan } from '../../src/rules/evaluate';
import { rollup } from '../../src/rules/rollup';
import type { Plan } from '../../src/model/plan';
import { formatFiscalYearLabel } from '../../src/model/fiscal-year';
import { circled } from '../../src/layout/grid';
import { findSoffice, recalculate } from '../../src/xlsx/libreoffice';
import { consolidate, expandInputs, SHEETS, type Consolidation } from '../../src/consolidate';
import { BUNDLED } from '../support/plans';

jest.setTimeout(300_000);

const INJECTIONS = ['=HYPERLINK("http://x","y")', '+1+1', '-1+2', '@SUM(A1:A2)'];

let dir: string; // the department folder
let outDir: string;
let plan: Plan; // the bundled plan with the injected texts: what the departments hold together
let deptFiles: { dept: string; file: string; ids: string[] }[];
let duplicateOf: { file: string; ids: string[] };
let copyFile: string;
let brokenFile: string;
let summaryFile: string;
let run: { code: number; out: string; err: string; ms: number };
let json: Consolidation;
let summary: ExcelJS.Workbook;
let zip: JSZip;
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

afterAll(async () => {
  for (const d of temps) await fs.rm(d, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const t0 = Date.now();
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err, ms: Date.now() - t0 };
}

/** A number under a percent format (0%, 0.0%, 0%"（A）") as the text a spreadsheet shows; null otherwise. */
function percentShown(value: unknown, numFmt: string | undefined): string | null {
  const m = typeof value === 'number' && numFmt ? /^0(?:\.(0+))?%(?:"([^"]*)")?$/.exec(numFmt) : null;
  return m ? `${(value as number * 100).toFixed(m[1]?.length ?? 0)}%${m[2] ?? ''}` : null;
}

/**
 * Every row of a sheet below its header, as plain values by column (1-based). Rates are numbers under a
 * percent format: `shown` gives them as the text the sheet shows, `numbers` keeps them as numbers.
 */
function dataRows(ws: ExcelJS.Worksheet, firstRow: number, as: 'shown' | 'numbers' = 'shown'): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (let r = firstRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: (string | number | null)[] = [null];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      const v = cell.value;
      const shown = as === 'shown' ? percentShown(v, cell.numFmt) : null;
      values.push(shown ?? (v === null || v === undefined || v === '' ? null : (v as string | number)));
    }
    if (values.some((v) => v !== null)) rows.push(values);
  }
  return rows;
}

/** Shared strings of the summary, decoded. */
async function sharedStrings(): Promise<string[]> {
  const xml = await zip.file('xl/sharedStrings.xml')!.async('string');
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => decode([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
}

async function sheetXml(name: string): Promise<string> {
  const index = summary.worksheets.findIndex((ws) => ws.name === name);
  return zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async('string');
}

beforeAll(async () => {
  const root = await tempDir('hyoka-consolidate-');
  dir = path.join(root, 'departments');
  outDir = path.join(root, 'out');
  await fs.mkdir(dir);
  await fs.mkdir(outDir);

  plan = await loadPlanFile(BUNDLED);
  // Formula-like narrative text in the evaluation of KPI-years that are misses, so it reaches 未達成.
  const result = evaluatePlan(plan);
  const missed: { item: number; year: string }[] = [];
  result.items.forEach((it, i) =>
    plan.plan.years.forEach((y) => {
      if (it.kpis.some((k) => k.years[y].achieved === false) && !missed.some((m) => m.item === i)) missed.push({ item: i, year: y });
    }),
  );
  expect(missed.length).toBeGreaterThanOrEqual(2);
  const [a, b] = missed;
  plan.items[a.item].evaluations[a.year] = { ...plan.items[a.item].evaluations[a.year], factors: INJECTIONS[0], nextYearIssues: INJECTIONS[1] };
  plan.items[b.item].evaluations[b.year] = { ...plan.items[b.item].evaluations[b.year], factors: INJECTIONS[2], nextYearIssues: INJECTIONS[3] };

  // One plan (and workbook) per 取組所属.
  const byDept = new Map<string, Plan['items']>();
  for (const item of plan.items) byDept.set(item.leadDept, [...(byDept.get(item.leadDept) ?? []), item]);
  deptFiles = [];
  let n = 0;
  for (const [dept, items] of byDept) {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}_${dept.replace(/[\\/:*?"<>|、,\s]/g, '_').slice(0, 24)}.xlsx`);
    const deptPlan: Plan = { ...plan, items };
    await writeWorkbookFile(buildWorkbookLayout(deptPlan), file);
    deptFiles.push({ dept, file, ids: items.map((i) => i.id) });
  }
  // A broken file, a duplicate (a department's file again, under a later name) and a lock file.
  brokenFile = path.join(dir, 'broken.xlsx');
  await fs.writeFile(brokenFile, 'this is not a workbook\n');
  duplicateOf = deptFiles.reduce((best, f) => (f.ids.length > best.ids.length ? f : best));
  copyFile = path.join(dir, 'zz_copy_of_department.xlsx');
  await fs.copyFile(duplicateOf.file, copyFile);
  await fs.writeFile(path.join(dir, '~$01_lock.xlsx'), 'owner');

  summaryFile = path.join(outDir, 'summary.xlsx');
  run = await cli('consolidate', dir, '-o', summaryFile);
  const j = await cli('consolidate', dir, '--json');
  expect(j.code).toBe(2);
  json = JSON.parse(j.out);

  summary = new ExcelJS.Workbook();
  await summary.xlsx.readFile(summaryFile);
  zip = await JSZip.loadAsync(await fs.readFile(summaryFile));
});

test('the summary is written; exit 2 because one input was unreadable; a summary line at the end', async () => {
  expect(run.code).toBe(2);
  expect((await fs.stat(summaryFile)).size).toBeGreaterThan(10_000);
  expect(summary.worksheets.map((ws) => ws.name)).toEqual([SHEETS.items, SHEETS.rollups, SHEETS.misses, SHEETS.files]);
  const files = deptFiles.length + 2;
  expect(run.out).toContain(`ファイル ${files} 件（読込 ${files - 1}・読込不可 1）、実施項目 30 件`);
  expect(run.out).toContain(`consolidated: ${files} files (${files - 1} read, 1 unreadable), 30 items`);
  expect(run.out).toContain(`${duplicateOf.ids.length} duplicates`);
  expect(run.out).toContain(summaryFile);
  // No temporary file left beside the summary.
  expect(await fs.readdir(outDir)).toEqual(['summary.xlsx']);
  console.log(`consolidate: ${files} files, 30 items → ${run.ms} ms (CLI, including writing the summary)`);
});

test('the broken file is named, with why, on stderr and in 読込結果; the batch went on', () => {
  expect(run.err).toContain('broken.xlsx');
  expect(run.err).toMatch(/broken\.xlsx: 読込不可 \/ unreadable: .+ \/ .+/);
  const report = json.files.find((f) => f.file === brokenFile)!;
  expect(report.status).toBe('unreadable');
  expect(report.problem!.ja.length).toBeGreaterThan(0);
  expect(report.problem!.en.length).toBeGreaterThan(0);
  const rows = dataRows(summary.getWorksheet(SHEETS.files)!, 4);
  const broken = rows.find((r) => r[1] === brokenFile)!;
  expect(broken[2]).toBe('読込不可');
  expect(String(broken[7])).toContain(report.problem!.ja);
  expect(String(broken[7])).toContain(report.problem!.en);
  expect(rows).toHaveLength(deptFiles.length + 2); // the ~$ lock file is not an input
  expect(rows.some((r) => String(r[1]).includes('~$'))).toBe(false);
});

test('the duplicate is reported with both file names, never merged: the first kept, the second left out', () => {
  const copy = json.files.find((f) => f.file === copyFile)!;
  expect(copy.status).toBe('duplicates');
  expect(copy.items).toEqual([]);
  expect(copy.duplicates.map((d) => d.id).sort()).toEqual([...duplicateOf.ids].sort());
  for (const d of copy.duplicates) expect(d).toMatchObject({ keptFrom: duplicateOf.file, identical: true });
  const original = json.files.find((f) => f.file === duplicateOf.file)!;
  expect(original).toMatchObject({ status: 'read', items: duplicateOf.ids, duplicates: [] });
  expect(json.totals.duplicates).toBe(duplicateOf.ids.length);
  expect(run.err).toContain(copyFile);
  expect(run.err).toContain(duplicateOf.file);

  const rows = dataRows(summary.getWorksheet(SHEETS.files)!, 4);
  const row = rows.find((r) => r[1] === copyFile)!;
  expect(row[2]).toBe('重複あり');
  for (const id of duplicateOf.ids) expect(String(row[6])).toContain(id);
  expect(String(row[6])).toContain(duplicateOf.file);
  // Each duplicated item appears once in 実施項目別, from the first file.
  const items = dataRows(summary.getWorksheet(SHEETS.items)!, 4);
  const fileCol = 7 + 2 * plan.plan.years.length;
  for (const id of duplicateOf.ids) {
    const item = plan.items.find((i) => i.id === id)!;
    const its = items.filter((r) => r[1] === item.no);
    expect(its.length).toBe(Math.max(1, item.kpis.length));
    for (const r of its) expect(r[fileCol]).toBe(duplicateOf.file);
  }
});

test('no item is lost: 30 items, every KPI, each row with its source file and sheet', () => {
  expect(json.totals.items).toBe(30);
  expect(json.items.map((i) => i.id)).toEqual(plan.items.map((i) => i.id));
  expect(json.totals.kpis).toBe(plan.items.reduce((n, i) => n + i.kpis.length, 0));
  const result = evaluatePlan(plan);
  const years = plan.plan.years;
  const rows = dataRows(summary.getWorksheet(SHEETS.items)!, 4);
  const numbers = dataRows(summary.getWorksheet(SHEETS.items)!, 4, 'numbers');
  expect(rows).toHaveLength(plan.items.reduce((n, i) => n + Math.max(1, i.kpis.length), 0));
  const fileCol = 7 + 2 * years.length;
  let r = 0;
  plan.items.forEach((item, i) => {
    const dept = deptFiles.find((d) => d.ids.includes(item.id))!;
    const json_ = json.items[i];
    expect(json_).toMatchObject({ file: dept.file, dept: item.leadDept, title: item.title });
    expect(json_.sheet).toMatch(new RegExp(`^\\(${item.no}\\)`));
    for (const [k, kpi] of result.items[i].kpis.entries()) {
      const row = rows[r++];
      expect(row.slice(1, 7)).toEqual([item.no, item.leadDept, `${item.goal.no}　${item.goal.name}`, `${item.reform.no}　${item.reform.name}`, item.title, `${circled(kpi.no)} ${kpi.name}`]);
      years.forEach((y, n) => {
        expect(row[7 + n]).toBe(kpi.years[y].display);
        // A percent is a number (sortable, chartable): the displayed percent as a fraction.
        if (/%$/.test(kpi.years[y].display ?? '')) expect(numbers[r - 1][7 + n]).toBeCloseTo(parseFloat(kpi.years[y].display!) / 100, 12);
        expect(row[7 + years.length + n]).toBe(result.items[i].counts[y].display);
        expect(json_.kpis[k].years[y]).toMatchObject({ display: kpi.years[y].display, achieved: kpi.years[y].achieved, rate: kpi.years[y].rate });
      });
      expect(row[fileCol]).toBe(dept.file);
      expect(row[fileCol + 1]).toBe(json_.sheet);
    }
    if (item.kpis.length === 0) r++;
  });
});

test('the rollups equal rollup(evaluatePlan(plan)) of the whole plan, in JSON and in 集計', () => {
  const expected = rollup(plan, evaluatePlan(plan));
  expect(json.rollups).toEqual(expected);
  const years = plan.plan.years;
  const rows = dataRows(summary.getWorksheet(SHEETS.rollups)!, 5);
  expect(rows).toHaveLength(expected.length);
  expected.forEach((r, i) => {
    const row = rows[i];
    expect(row[3]).toBe(r.itemIds.length);
    years.forEach((y, n) => {
      const v = r.years[y];
      const cells = row.slice(4 + n * 3, 7 + n * 3);
      expect(cells).toEqual(v.evaluated === 0 ? [null, null, null] : [v.achieved, v.evaluated, v.rate]);
    });
  });
  expect(rows[0][1]).toBe('計画全体');
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['計画全体', '目標', '改革', '所属', 'ＫＧＩ']));
});

test('集計 has data bars on every year\'s rate, written as Excel 2010 data bars with matching ids, and no number format in any conditional format', async () => {
  const xml = await sheetXml(SHEETS.rollups);
  const years = plan.plan.years;
  const bars = [...xml.matchAll(/<cfRule type="dataBar" priority="\d+"><dataBar><cfvo type="num" val="0"\/><cfvo type="num" val="100"\/><color rgb="FF9BC2E6"\/><\/dataBar><extLst><ext [^>]*><x14:id>(\{[0-9A-F-]+\})<\/x14:id><\/ext><\/extLst><\/cfRule>/g)].map((m) => m[1]);
  expect(bars).toHaveLength(years.length);
  for (const id of bars) expect(xml).toContain(`<x14:cfRule type="dataBar" id="${id}">`);
  expect(xml).not.toContain('<x14:id/>');
  const styles = await zip.file('xl/styles.xml')!.async('string');
  expect(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? '').not.toContain('numFmt');
});

test('未達成 lists exactly the KPI-years with achieved === false, with that year\'s 要因分析 and 次年度への課題', () => {
  const result = evaluatePlan(plan);
  const expected: string[] = [];
  const texts = new Map<string, [string, string]>();
  result.items.forEach((it, i) =>
    it.kpis.forEach((k) =>
      plan.plan.years.forEach((y) => {
        if (k.years[y].achieved !== false) return;
        const key = `${it.id}|${k.no}|${y}`;
        expected.push(key);
        texts.set(key, [plan.items[i].evaluations[y]?.factors ?? '', plan.items[i].evaluations[y]?.nextYearIssues ?? '']);
      }),
    ),
  );
  expect(expected.length).toBeGreaterThan(10);
  expect(json.misses.map((m) => `${m.itemId}|${m.kpiNo}|${m.year}`).sort()).toEqual([...expected].sort());
  const rows = dataRows(summary.getWorksheet(SHEETS.misses)!, 4);
  expect(rows).toHaveLength(expected.length);
  const byNo = new Map(plan.items.map((i) => [i.no, i]));
  const seen = rows.map((row) => {
    const item = byNo.get(row[2] as number)!;
    const kpiNo = item.kpis.find((k) => `${circled(k.no)} ${k.name}` === row[5])!.no;
    const year = plan.plan.years.find((y) => formatFiscalYearLabel(y) === row[1])!;
    const key = `${item.id}|${kpiNo}|${year}`;
    expect([row[10] ?? '', row[11] ?? '']).toEqual(texts.get(key));
    return key;
  });
  expect(seen.sort()).toEqual([...expected].sort());
});

test('formula-like text from department files stays text: shared strings, no formula anywhere in the summary', async () => {
  const strings = await sharedStrings();
  for (const s of INJECTIONS) expect(strings).toContain(s);
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    expect(xml).not.toContain('<f>');
    expect(xml).not.toMatch(/<f[ >]/);
  }
  // The cells holding them are shared-string cells (t="s") in 未達成.
  const xml = await sheetXml(SHEETS.misses);
  for (const s of INJECTIONS) {
    const index = strings.indexOf(s);
    expect(xml).toMatch(new RegExp(`<c r="[A-Z]+\\d+"[^>]* t="s"><v>${index}</v></c>`));
  }
  const ws = summary.getWorksheet(SHEETS.misses)!;
  const values: unknown[] = [];
  ws.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
  for (const s of INJECTIONS) expect(values).toContain(s);
});

test('A3 landscape, one page wide, Japanese headers repeated on every page', () => {
  for (const ws of summary.worksheets) {
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toMatch(/^3:[34]$/);
    expect(ws.headerFooter.oddHeader).toContain(plan.plan.title);
  }
  expect(summary.getWorksheet(SHEETS.items)!.getCell('B3').value).toBe('取組所属');
  expect(summary.getWorksheet(SHEETS.rollups)!.getCell('F4').value).toBe('達成率');
  expect(summary.getWorksheet(SHEETS.misses)!.getCell('J3').value).toBe('要因分析');
  expect(summary.getWorksheet(SHEETS.misses)!.getCell('K3').value).toBe('次年度への課題');
});

test('LibreOffice opens the summary and keeps its data bars', async () => {
  if (!findSoffice()) {
    console.warn('soffice not found: LibreOffice check skipped');
    return;
  }
  const out = await recalculate(summaryFile, path.join(outDir, 'lo'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([SHEETS.items, SHEETS.rollups, SHEETS.misses, SHEETS.files]);
  const again = await JSZip.loadAsync(await fs.readFile(out));
  const xml = await again.file('xl/worksheets/sheet2.xml')!.async('string');
  expect((xml.match(/<cfRule type="dataBar"/g) ?? []).length).toBe(plan.plan.years.length);
  expect(wb.getWorksheet(SHEETS.rollups)!.getCell('A5').value).toBe('計画全体');
  expect(wb.getWorksheet(SHEETS.rollups)!.getCell('B5').value).toBe(plan.plan.title);
});

describe('inputs and terminal manners', () => {
  test('folders: *.xlsx only, no ~$ lock files, no hidden files, not the output; a missing name is kept (reported later)', async () => {
    const d = await tempDir('hyoka-inputs-');
    for (const name of ['b.xlsx', 'a.XLSX', '~$a.xlsx', '._a.xlsx', 'notes.txt', 'out.xlsx']) await fs.writeFile(path.join(d, name), '');
    await fs.mkdir(path.join(d, 'sub.xlsx'));
    const files = await expandInputs([d, path.join(d, 'b.xlsx'), path.join(d, 'missing.xlsx')], { output: path.join(d, 'out.xlsx') });
    expect(files).toEqual([path.join(d, 'a.XLSX'), path.join(d, 'b.xlsx'), path.join(d, 'missing.xlsx')]);
  });

  test('a missing file is unreadable with its name and why; the others are still read', async () => {
    const c = await consolidate([path.join(dir, 'nope.xlsx'), deptFiles[0].file]);
    expect(c.files[0]).toMatchObject({ status: 'unreadable', problem: { ja: 'ファイルが見つかりません', en: 'file not found' } });
    expect(c.files[1]).toMatchObject({ status: 'read', items: deptFiles[0].ids });
    expect(c.totals).toMatchObject({ files: 2, read: 1, unreadable: 1, items: deptFiles[0].ids.length });
  });

  test('a summary written into the input folder is not read back: the output is skipped, an older summary is reported as 対象外', async () => {
    const d = await tempDir('hyoka-again-');
    await fs.copyFile(deptFiles[0].file, path.join(d, 'a.xlsx'));
    await fs.copyFile(summaryFile, path.join(d, 'old-summary.xlsx'));
    await fs.copyFile(summaryFile, path.join(d, 'summary.xlsx'));
    const r = await cli('consolidate', d, '-o', path.join(d, 'summary.xlsx'), '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out) as Consolidation;
    expect(c.files.map((f) => [path.basename(f.file), f.status])).toEqual([
      ['a.xlsx', 'read'],
      ['old-summary.xlsx', 'skipped'],
    ]);
    expect(r.err).toContain('old-summary.xlsx');
  });

  test('usage: an output or --json is needed, the output must be .xlsx, an empty folder is an error; nothing written', async () => {
    const d = await tempDir('hyoka-usage-');
    expect((await cli('consolidate', dir)).code).toBe(2);
    const bad = await cli('consolidate', dir, '-o', path.join(d, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('.xlsx');
    const empty = await cli('consolidate', d, '-o', path.join(d, 'x.xlsx'));
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('no workbooks');
    expect(await fs.readdir(d)).toEqual([]);
  });

  function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    Object.assign(stream, { isTTY: true, columns: 100, rows: 30 });
    return { stream, text: () => text };
  }

  async function runWith(stream: NodeJS.WriteStream | null, ...args: string[]) {
    let out = '';
    let err = '';
    const ctx: CliContext = { out: (s) => void (out += s), err: (s) => void (err += s), exitCode: 0 };
    const program = new Command('hyoka').exitOverride();
    registerConsolidate(program, ctx, { progressStream: () => stream });
    await program.parseAsync(['consolidate', ...args], { from: 'user' });
    return { out, err, code: ctx.exitCode };
  }

  test('a progress bar on a terminal for a long batch; none with --json, none for a few files, none without a terminal', async () => {
    const tty = fakeTerminal();
    const target = path.join(outDir, 'tty.xlsx');
    const r = await runWith(tty.stream, dir, '-o', target);
    expect(r.code).toBe(2);
    expect(tty.text()).toContain('集計 / consolidating');
    expect(tty.text()).toMatch(new RegExp(`${deptFiles.length + 2}/${deptFiles.length + 2}`));
    expect(r.out).toContain('consolidated:');

    const quiet = fakeTerminal();
    const j = await runWith(quiet.stream, dir, '--json');
    expect(quiet.text()).toBe('');
    expect(JSON.parse(j.out).totals.items).toBe(30);
    expect(j.err).toContain('consolidated:'); // the summary line goes to stderr, stdout stays JSON

    const few = fakeTerminal();
    await runWith(few.stream, deptFiles[0].file, deptFiles[1].file, '-o', path.join(outDir, 'few.xlsx'));
    expect(few.text()).toBe('');

    const none = await runWith(null, dir, '-o', path.join(outDir, 'none.xlsx'));
    expect(none.out).toContain('consolidated:');
  });
});
