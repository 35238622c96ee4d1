// A summary the office opened and saved in LibreOffice (a real spreadsheet rewriting our file): its
// auto-filters are still there, and a later consolidation over the same folder skips it as a summary
// instead of calling it unreadable.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { bundledPlan } from '../support/plans';

let dir: string;
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
  const summary = path.join(dir, 'summary.xlsx');
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
