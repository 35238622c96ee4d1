// A summary the office opened and saved in LibreOffice (a real spreadsheet rewriting our file): its
// auto-filters are still there, and a later consolidation over the same folder skips it as a summary
// instead of calling it unreadable. Its rates are numbers that LibreOffice shows as the same text.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import { pathToFileURL } from 'url';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { findSoffice, recalculate } from '../../src/xlsx/libreoffice';
import { evaluatePlan } from '../../src/rules/evaluate';
import { bundledPlan } from '../support/plans';

let dir: string;
let summary: string;
let saved: string;
let written: JSZip;
let resaved: JSZip;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

/** Sheet name → the ref of its <autoFilter>, and the sheet-local _FilterDatabase names, of a written file. */
async function filters(zip: JSZip): Promise<{ autoFilters: string[]; names: string[] }> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const names = [...workbook.matchAll(/<definedName\b[^>]*name="_xlnm\._FilterDatabase"[^>]*>([^<]*)</g)].map((m) => m[1].replace(/&apos;|'/g, ''));
  const autoFilters: string[] = [];
  for (const f of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()) {
    const m = /<autoFilter\b[^>]*ref="([^"]+)"/.exec(await zip.file(f)!.async('string'));
    if (m) autoFilters.push(m[1]);
  }
  return { autoFilters, names: names.sort() };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lo-summary-'));
  const input = path.join(dir, 'in');
  await fs.mkdir(input);
  await writeWorkbookFile(buildWorkbookLayout(await bundledPlan()), path.join(input, 'gunma.xlsx'));
  summary = path.join(dir, 'summary.xlsx');
  expect((await cli('consolidate', input, '-o', summary)).code).toBe(0);
  written = await JSZip.loadAsync(await fs.readFile(summary));
  const out = path.join(dir, 'lo');
  await fs.mkdir(out);
  saved = await recalculate(summary, out);
  resaved = await JSZip.loadAsync(await fs.readFile(saved));
}, 180_000);

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test('every auto-filter is written with its _xlnm._FilterDatabase name, and LibreOffice keeps both', async () => {
  const before = await filters(written);
  expect(before.autoFilters.length).toBe(2);
  expect(before.names).toEqual(['実施項目別!$A$3:$R$90', '未達成!$A$3:$N$57'].sort());
  const after = await filters(resaved);
  expect(after.autoFilters).toEqual(before.autoFilters);
  expect(after.names).toEqual(before.names);
});

test('a LibreOffice-saved summary in an input folder is skipped as a summary, not reported unreadable', async () => {
  const input = path.join(dir, 'in');
  await fs.copyFile(saved, path.join(input, 'summary-saved-by-libreoffice.xlsx'));
  const run = await cli('consolidate', input, '--json');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.out) as { files: { file: string; status: string }[] };
  const statuses = Object.fromEntries(result.files.map((f) => [path.basename(f.file), f.status]));
  expect(statuses).toEqual({ 'gunma.xlsx': 'read', 'summary-saved-by-libreoffice.xlsx': 'skipped' });
});

/** A CSV LibreOffice wrote "as shown" (cell text as formatted), parsed into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

test('the rates in 実施項目別 are numbers, and LibreOffice shows each as the text the evaluation sheet shows', async () => {
  const out = path.join(dir, 'csv');
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  // Field separator 44, quote 34, UTF-8 (76), "save cell contents as shown", every sheet (-1) to its own file.
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
  const run = spawnSync(findSoffice()!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', out, summary], { timeout: 120_000 });
  expect(run.status).toBe(0);
  const rows = parseCsv(await fs.readFile(path.join(out, 'summary-実施項目別.csv'), 'utf8')).slice(3);
  const plan = await bundledPlan();
  const result = evaluatePlan(plan);
  const years = plan.plan.years;
  const expected = result.items.flatMap((item) => item.kpis.map((k) => years.map((y) => k.years[y].display ?? '')));
  const shown = rows.filter((r) => r.length > 6 && r[5] !== '（指標なし）').map((r) => r.slice(6, 6 + years.length));
  expect(shown).toEqual(expected);
  // Not just text that looks the same: each percent is a number, every other display is text.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const ws = wb.getWorksheet('実施項目別')!;
  const kinds = shown.map((_, i) => years.map((__, n) => typeof ws.getCell(4 + i, 7 + n).value));
  expect(kinds).toEqual(expected.map((r) => r.map((d) => (/%$/.test(d) ? 'number' : d === '' ? 'object' : 'string'))));
});
