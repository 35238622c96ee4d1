// `generate --year` locks by year as BuildOptions.lock does, with the password from standard input
// hashed once for every sheet; a plain generate leaves every year open and sets no password.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { main } from '../../src/cli/main';
import { loadWorkbook } from '../../src/xlsx/read';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { isLocked, seedPlan, sheetProtection } from './support-lock';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lock-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin = ''): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['node', 'hyoka', ...args], () => undefined, (s) => void (err += s),
    { stdin: Readable.from([stdin]), env: {} });
  return { code, err };
}

/** The first item sheet's first KPI actual cells of two years, as written. */
async function firstActuals(file: string, years: [string, string]) {
  const plan = await seedPlan('gunma-2020');
  const sheet = buildWorkbookLayout(plan).sheets.find((s) => s.kind === 'item')!;
  const a = sheet.anchors!;
  const ws = (await loadWorkbook(file)).getWorksheet(sheet.name)!;
  return { ws, locked: years.map((y) => isLocked(ws, a.kpis[0].actualRow, a.yearCols[y])) };
}

test('generate --year R3 --password-stdin: R3 open, R2 locked, one password hash on every sheet', async () => {
  const out = path.join(dir, 'locked.xlsx');
  const r = await run(['generate', '--year', 'R3', '--password-stdin', '-o', out], 'office-pw\n');
  expect(r).toMatchObject({ code: 0 });
  const { ws, locked } = await firstActuals(out, ['R2', 'R3']);
  expect(locked).toEqual([true, false]);
  const wb = ws.workbook;
  const hashes = new Set(wb.worksheets.filter((w) => w.state === 'visible').map((w) => sheetProtection(w)?.hashValue));
  expect(hashes.size).toBe(1);
  expect([...hashes][0]).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
});

test('plain generate: no password, and every year open as before', async () => {
  const out = path.join(dir, 'plain.xlsx');
  expect((await run(['generate', '-o', out])).code).toBe(0);
  const { ws, locked } = await firstActuals(out, ['R2', 'R3']);
  expect(locked).toEqual([false, false]);
  expect(sheetProtection(ws)?.hashValue).toBeUndefined();
});

test('generate --year of no plan year: exit 2, why in Japanese and English, nothing written', async () => {
  const out = path.join(dir, 'never.xlsx');
  const r = await run(['generate', '--year', 'R9', '-o', out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/--year R9 は計画の年度.*not one of the plan's years/);
  await expect(fs.stat(out)).rejects.toThrow();
});
