// The task pane in a real browser: the production build (webpack.config.js, into a temporary folder)
// served on localhost by a tiny http server, opened in Debian's chromium through playwright-core, with
// the office.js CDN request answered by a local stub (browser/fake-office.ts: Office.onReady and an
// in-browser Excel host). Drives 新規作成 (sample), a plan file with mistakes, チェック, 監査 and 集計
// (department workbooks picked with setInputFiles, parsed in chromium by the lazily loaded exceljs
// chunk), and asserts what the pane shows. `npm run pictures` runs it with PANE_PICTURE set to save the
// README's docs/images/taskpane.png; a plain test run writes nothing into the tree.
import { spawnSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import webpack from 'webpack';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { fingerprintOf } from '../../src/round/stamp';
import { a1 } from '../../src/layout/a1';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { evaluatePlan } from '../../src/rules/evaluate';
import { bundledPlan } from '../support/plans';

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

let dir: string;
let server: http.Server;
let origin: string;
let browser: Browser;
let fakeOffice: string;
/** The bundles of 集計's file parsing (exceljs): the xlsx-reader chunk and what it split off. */
let parsingChunks: string[];

function buildPane(out: string): void {
  const cli = path.join(path.dirname(require.resolve('webpack-cli/package.json')), 'bin', 'cli.js');
  const run = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', out], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`webpack failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}

function buildFakeOffice(out: string): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(
      {
        mode: 'development',
        devtool: false,
        target: 'web',
        entry: path.join(__dirname, 'browser', 'fake-office.ts'),
        output: { path: out, filename: 'fake-office.js' },
        resolve: { extensions: ['.ts', '.js'] },
        module: {
          rules: [
            {
              test: /\.ts$/,
              exclude: /node_modules/,
              use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json'), compilerOptions: { module: 'es2020', sourceMap: false } } },
            },
          ],
        },
      },
      (err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats!.toString('errors-only'))) : resolve()),
    ),
  );
}

function serve(root: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.json': 'application/json', '.map': 'application/json' };
  const s = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyoka-pane-'));
  buildPane(path.join(dir, 'addin'));
  await buildFakeOffice(path.join(dir, 'stub'));
  fakeOffice = fs.readFileSync(path.join(dir, 'stub', 'fake-office.js'), 'utf8');
  const out = path.join(dir, 'addin');
  parsingChunks = fs.readdirSync(out).filter((f) => f.endsWith('.js') && (f.startsWith('xlsx-reader.') || /exceljs/i.test(fs.readFileSync(path.join(out, f), 'utf8'))));
  server = await serve(path.join(dir, 'addin'));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pane page; `open` is a workbook layout already open in the fake Excel when the pane starts. */
async function openPane(query = '', open?: WorkbookLayout): Promise<{ page: Page; external: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 380, height: 1000 }, deviceScaleFactor: 2 });
  if (open) await page.addInitScript((layout) => ((window as unknown as { hyokaPreload: unknown }).hyokaPreload = layout), open);
  const external: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOffice });
    if (url.startsWith(origin)) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/taskpane.html${query}`);
  return { page, external, errors };
}

const fake = <T>(page: Page, fn: string, ...args: unknown[]) => page.evaluate(([f, a]) => (window as unknown as { fakeExcel: Record<string, (...x: unknown[]) => unknown> }).fakeExcel[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

test('新規作成 (sample), a plan file with mistakes, and チェック in chromium; screenshot', async () => {
  const { page, external, errors } = await openPane();
  await page.waitForFunction(() => document.getElementById('plan-summary')?.textContent?.includes('まだ評価シートがありません'));
  expect(await page.locator('html').getAttribute('lang')).toBe('ja');
  expect(await page.locator('#tab-create').textContent()).toBe('新規作成');

  // A plan file with mistakes: every problem with its JSON path, nothing written.
  const plan = await bundledPlan();
  const bad = JSON.parse(JSON.stringify(plan));
  bad.items[2].kpis[0].direction = 'up';
  delete bad.items[4].title;
  await page.setInputFiles('#plan-file', { name: 'bad-plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.locator('#messages [role="alert"]');
  await alert.waitFor();
  const alertText = await alert.textContent();
  expect(alertText).toContain('bad-plan.json');
  expect(alertText).toContain('$.items[2].kpis[0].direction');
  expect(alertText).toContain('実施項目 3 件目 › 指標 1 件目 › 方向');
  expect(alertText).toContain('$.items[4].title');
  expect(await fake<string[]>(page, 'sheetNames')).toEqual(['Sheet1']);

  // 新規作成 from the sample: busy while it runs (a second click starts nothing), then the result.
  const button = page.locator('#create-sample');
  await button.click();
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'true');
  expect(await button.evaluate((b) => b.hasAttribute('disabled') && (b as HTMLElement & { disabled: boolean }).disabled)).toBe(true);
  await button.click({ force: true }).catch(() => undefined);
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 60_000 });
  expect(await button.evaluate((b) => b.hasAttribute('disabled'))).toBe(false);
  expect(await page.locator('#messages [role="alert"]').count()).toBe(0);
  const layout = buildWorkbookLayout(plan);
  expect(await fake<string[]>(page, 'sheetNames')).toEqual(['Sheet1', ...layout.sheets.map((s) => s.name)]);
  expect(await page.locator('#status').textContent()).toMatch(/^32 枚のシートを作成しました（Excel とのやり取り \d+ 回）。$/);
  await page.waitForFunction(() => document.getElementById('plan-summary')?.textContent?.includes('実施項目 30 件'));

  // A clerk types over a rate and types text into an actual on sheet (1).
  const sheet = layout.sheets[1];
  const a = sheet.anchors!;
  const rateCell = a1(a.kpis[0].rateRow, a.yearCols.R3);
  const actualCell = a1(a.kpis[1].actualRow, a.yearCols.R4);
  await fake(page, 'type', sheet.name, rateCell, '95%');
  await fake(page, 'type', sheet.name, actualCell, '1,266件');
  const missingCell = a1(a.kpis[2].actualRow, a.yearCols.R4);
  await fake(page, 'type', sheet.name, missingCell, '');

  // チェック: the problems listed, each selecting its cell.
  await page.locator('#tab-check').click();
  await page.locator('#check-all').click();
  await page.locator('#problem-list li').first().waitFor({ timeout: 60_000 });
  const items = await page.locator('#problem-list .problem').allTextContents();
  const rateProblem = items.find((s) => s.includes(`${sheet.name}!${rateCell}`));
  const textProblem = items.find((s) => s.includes(`${sheet.name}!${actualCell}`));
  expect(rateProblem).toContain('数式の上書き');
  expect(rateProblem).toContain('「95%」が入力されています');
  expect(textProblem).toContain('数値ではない実績');
  expect(textProblem).toContain('「1,266件」は文字列です');
  expect(items.find((s) => s.includes(`${sheet.name}!${missingCell}`))).toContain('実績が未入力');
  expect(await page.locator('#status').textContent()).toMatch(/^\d+ 件の問題があります（30 シート）。/);

  await page.locator(`.problem[data-address="${sheet.name}!${actualCell}"]`).click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('を選択しました'));
  expect(await fake(page, 'selection')).toEqual({ sheet: sheet.name, address: actualCell });
  expect(await fake(page, 'activeSheet')).toBe(sheet.name);

  // Keyboard: the problems are buttons in the tab order.
  await page.locator(`.problem[data-address="${sheet.name}!${rateCell}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((addr) => document.getElementById('status')?.textContent?.includes(addr), `${sheet.name}!${rateCell}`);
  expect(await fake(page, 'selection')).toEqual({ sheet: sheet.name, address: rateCell });

  // The page loaded nothing from anywhere but localhost (the office.js request is answered locally).
  expect(external).toEqual([]);
  expect(errors).toEqual([]);

  await page.mouse.move(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  const bottom = await page.locator('#results').evaluate((e) => Math.ceil(e.getBoundingClientRect().bottom));
  const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 380, height: Math.min(1000, bottom + 16) } });
  expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
  if (process.env.PANE_PICTURE) fs.writeFileSync(process.env.PANE_PICTURE, shot);
  // PANE_SHOTS=dir saves every tab too, for looking at the forms.
  if (process.env.PANE_SHOTS) {
    for (const tab of ['create', 'add', 'book']) {
      await page.locator(`#tab-${tab}`).click();
      await page.screenshot({ path: path.join(process.env.PANE_SHOTS, `taskpane-${tab}.png`), fullPage: true });
    }
  }
  await page.close();
}, 180_000);

test('監査 and 集計 in chromium: findings that select their cells; department workbooks parsed in the browser, the summary written', async () => {
  const { page, external, errors } = await openPane(process.env.PANE_SHOTS ? '' : '?latency=10');
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.slice(1)));
  const parsingLoaded = () => requested.filter((f) => parsingChunks.includes(f));
  await page.waitForFunction(() => document.getElementById('plan-summary')?.textContent?.includes('まだ評価シートがありません'));
  expect(parsingChunks.length).toBeGreaterThanOrEqual(1);

  await page.locator('#create-sample').click();
  await page.waitForFunction(() => document.getElementById('plan-summary')?.textContent?.includes('実施項目 30 件'), undefined, { timeout: 60_000 });
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false');

  // 監査 of the workbook as generated: nothing found.
  await page.locator('#tab-check').click();
  await page.locator('#audit-run').click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('監査で指摘はありませんでした'), undefined, { timeout: 60_000 });
  expect(await page.locator('#status').textContent()).toMatch(/^監査で指摘はありませんでした（実施項目 30 シート、指標・年度 \d+ 件を再計算）。$/);
  expect(await page.locator('#messages [intent="success"]').count()).toBe(1);

  // A clerk types 95% over a rate: 監査 finds exactly that cell.
  const plan = await bundledPlan();
  const layout = buildWorkbookLayout(plan);
  // The first rate that shows something, from the third item sheet on.
  const result = evaluatePlan(plan);
  const [sheet, k, year, display] = layout.sheets
    .slice(2)
    .filter((s) => s.anchors)
    .flatMap((s) => {
      const kpis = result.items.find((it) => it.id === s.anchors!.itemId)!.kpis;
      return kpis.flatMap((kr, i) => plan.plan.years.map((y) => [s, i, y, kr.years[y].display] as const));
    })
    .find(([, , , d]) => d && d !== '95%')!;
  const rateCell = a1(sheet.anchors!.kpis[k].rateRow, sheet.anchors!.yearCols[year]);
  await fake(page, 'type', sheet.name, rateCell, '95%');
  await page.locator('#audit-run').click();
  await page.locator('#problem-list li').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('#status').textContent()).toMatch(/^監査の指摘 1 件（実施項目 30 シート、指標・年度 \d+ 件を再計算）。項目を押すとそのセルを選択します。$/);
  const findings = await page.locator('#problem-list .problem').allTextContents();
  expect(findings).toHaveLength(1);
  expect(findings[0]).toContain('数式の上書き');
  expect(findings[0]).toContain(`${sheet.name}!${rateCell}`);
  expect(findings[0]).toContain(`期待 「${display}」 ／ 実際 「95%」`);
  expect(findings[0]).toContain('正しい数式 =');
  await page.locator(`.problem[data-address="${sheet.name}!${rateCell}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((addr) => document.getElementById('status')?.textContent?.includes(`${addr} を選択しました`), `${sheet.name}!${rateCell}`);
  expect(await fake(page, 'selection')).toEqual({ sheet: sheet.name, address: rateCell });
  if (process.env.PANE_SHOTS) await page.screenshot({ path: path.join(process.env.PANE_SHOTS, 'taskpane-audit.png'), fullPage: true });

  // 集計: three department workbooks, a text file named broken.xlsx and a copy of one of them.
  expect(parsingLoaded()).toEqual([]); // exceljs is not loaded until files are picked
  const depts = [...new Set(plan.items.map((it) => it.leadDept))];
  const files: { name: string; mimeType: string; buffer: Buffer }[] = [];
  for (let g = 0; g < 3; g++) {
    const items = plan.items.filter((it) => depts.indexOf(it.leadDept) % 3 === g);
    files.push({ name: `部署${g + 1}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await writeWorkbookBuffer(buildWorkbookLayout({ ...plan, items })) });
  }
  files.push({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not a workbook\n') });
  files.push({ ...files[1], name: 'copy of 部署2.xlsx' });
  await page.locator('#tab-consolidate').click();
  await page.setInputFiles('#dept-files', files);
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'true');
  expect(await page.locator('#pick-workbooks').evaluate((b) => (b as HTMLElement & { disabled: boolean }).disabled)).toBe(true);
  // A second pick while it runs starts nothing.
  await page.setInputFiles('#dept-files', [{ name: 'extra.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') }]);
  await page.waitForFunction(() => document.getElementById('app')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 120_000 });
  expect(parsingLoaded().length).toBe(parsingChunks.length);
  // The bounded loader ran its browser path (plain Uint8Array code: no Buffer on the page).
  expect(await page.evaluate(() => typeof (globalThis as { Buffer?: unknown }).Buffer)).toBe('undefined');
  expect(await page.locator('#pick-workbooks').evaluate((b) => (b as HTMLElement & { disabled: boolean }).disabled)).toBe(false);

  const status = await page.locator('#status').textContent();
  expect(status).toMatch(/^集計しました: ファイル 5 件（読込 4・読込不可 1）、実施項目 30 件、指標 \d+ 件、重複 \d+ 件、未達成 \d+ 件（Excel とのやり取り 2 回）。$/);
  const names = await fake<string[]>(page, 'sheetNames');
  expect(names.slice(-4)).toEqual(['実施項目別', '集計', '未達成', '読込結果']);
  expect(await fake(page, 'activeSheet')).toBe('実施項目別');
  const alert = await page.locator('#messages [role="alert"]').allTextContents();
  expect(alert).toHaveLength(1);
  expect(alert[0]).toContain('1 件のファイルを読めませんでした');
  expect(alert[0]).toContain('broken.xlsx: .xlsx（zip）ではありません（テキストファイルのようです）');
  const warning = (await page.locator('#messages [intent="warning"]').allTextContents()).join('\n');
  expect(warning).toContain('copy of 部署2.xlsx');
  expect(warning).toMatch(/は 部署2\.xlsx と重複（同一内容）/);
  // The workbook's 読込結果 names every file, and nothing of the second pick.
  expect(await fake(page, 'find', '読込結果', 'broken.xlsx')).not.toBeNull();
  expect(await fake(page, 'find', '読込結果', 'copy of 部署2.xlsx')).not.toBeNull();
  expect(await fake(page, 'find', '読込結果', 'extra.xlsx')).toBeNull();
  if (process.env.PANE_SHOTS) await page.screenshot({ path: path.join(process.env.PANE_SHOTS, 'taskpane-consolidate.png'), fullPage: true });

  expect(external).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}, 240_000);

test('English when Office speaks another language', async () => {
  const { page, errors } = await openPane('?lang=en-US');
  await page.waitForFunction(() => document.getElementById('plan-summary')?.textContent?.includes('no evaluation sheets yet'));
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.locator('#title').textContent()).toBe('Evaluation sheets');
  expect(await page.locator('#create-sample').textContent()).toBe('Build workbook (sample plan)');
  await page.locator('#tab-check').click();
  await page.locator('#check-all').click();
  const alert = page.locator('#messages [role="alert"]');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('this workbook holds no evaluation plan');
  // 監査 and 集計 speak English too.
  expect(await page.locator('#tab-consolidate').textContent()).toBe('Consolidate');
  expect(await page.locator('#audit-run').textContent()).toBe('Audit this workbook');
  await page.locator('#audit-run').click();
  await page.waitForFunction(() => document.querySelector('#messages [role="alert"]')?.textContent?.startsWith('This workbook cannot be audited: '));
  await page.locator('#tab-consolidate').click();
  expect(await page.locator('#pick-workbooks').textContent()).toBe('Choose workbooks…');
  expect(errors).toEqual([]);
  await page.close();
}, 120_000);

test('担当者モード: a round workbook shows 今年度の入力 and 提出前チェック, each selecting its cell; the office’s tabs hidden', async () => {
  const plan = await bundledPlan();
  const sent = { ...plan, items: plan.items.slice(0, 2) };
  const itemIds = sent.items.map((it) => it.id);
  const stamp = { version: 1 as const, planId: plan.plan.id, roundId: 'R5-test', year: 'R5', recipient: { name: '業務プロセス改革課' }, issuedAt: '2026-12-02T10:00:00Z', itemIds, fingerprint: fingerprintOf(sent, 'R5') };
  const layout = buildWorkbookLayout(sent, undefined, { round: stamp, lock: { year: 'R5' } });
  const { page, errors } = await openPane('?latency=10', layout);
  await page.locator('#clerk-todo li').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('#clerk').isVisible()).toBe(true);
  for (const tab of ['create', 'add', 'consolidate']) expect(await page.locator(`#tab-${tab}`).isVisible()).toBe(false);
  expect(await page.locator('#panel-create').isVisible()).toBe(false);
  expect(await page.locator('#clerk-summary').textContent()).toContain('業務プロセス改革課 宛て・R5 の実績（5 件中 0 件入力済み）');

  const sheet = layout.sheets.find((s) => s.anchors?.itemId === itemIds[0])!;
  const cell = a1(sheet.anchors!.kpis[1].actualRow, sheet.anchors!.yearCols.R5);
  await page.locator(`#clerk-todo .problem[data-address="${sheet.name}!${cell}"]`).click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('を選択しました'));
  expect(await fake(page, 'selection')).toEqual({ sheet: sheet.name, address: cell });

  await fake(page, 'type', sheet.name, cell, '1,266件');
  await page.locator('#submit-check').click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('提出前チェックで 5 件'), undefined, { timeout: 60_000 });
  const findings = await page.locator('#problem-list .problem').allTextContents();
  expect(findings.filter((f) => f.includes('未入力の実績'))).toHaveLength(4);
  expect(findings.find((f) => f.includes(`${sheet.name}!${cell}`))).toContain('数値の欄に文字');
  expect(await page.locator('#clerk-summary').textContent()).toContain('5 件中 1 件入力済み');
  if (process.env.PANE_SHOTS) await page.screenshot({ path: path.join(process.env.PANE_SHOTS, 'taskpane-clerk.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
}, 120_000);
