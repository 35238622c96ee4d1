// One folder holding every hostile kind of file (tests/support/hostile.ts) beside good workbooks, run
// through the real command line (src/cli/main.ts, compiled once, in child processes so each run's peak
// RSS is its own): consolidate, audit, export and evaluate. Every file is named with why, in Japanese
// and English, never a stack trace; the batch finishes (summary written, exit 2); the good files —
// and the one LibreOffice saved after a row was deleted — are read; peak RSS stays well under 1 GB.
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Plan } from '../../src/model/plan';
import { bundledPlan, REPO } from '../support/plans';
import * as hostile from '../support/hostile';

interface Run {
  argv: string[];
  code: number | string;
  out: string;
  err: string;
}

let dir: string;
let folder: string;
let dist: string;
let plan: Plan;
const files: Record<string, string> = {};
const GOOD = ['good-1.xlsx', 'good-2.xlsx', 'lo-deleted-row.xlsx'];
/** Every hostile file and the reason the audit gives (the same refusal every command reports). */
const REFUSED: Record<string, string> = {
  'zero.xlsx': 'not-a-file',
  'fifo.xlsx': 'not-a-file',
  'bomb.xlsx': 'bomb',
  'huge-merge.xlsx': 'too-complex',
  'many-merges.xlsx': 'too-complex',
  'many-entries.xlsx': 'bomb',
  'meta-r0.xlsx': 'not-an-evaluation-workbook',
  'meta-title.xlsx': 'not-an-evaluation-workbook',
  'meta-missing.xlsx': 'not-an-evaluation-workbook',
  'encrypted.xlsx': 'encrypted',
  'truncated.xlsx': 'corrupt',
  'empty.xlsx': 'not-a-zip',
  'image.xlsx': 'not-a-zip',
  'table.xlsx': 'not-a-zip',
};
// Library English that must never be inside the Japanese text.
const LIBRARY_ENGLISH = /End of data|Corrupted zip|central directory|is this a zip|Can't find|Invalid|Unexpected|Error:/i;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-hostile-'));
  folder = path.join(dir, 'in');
  await fs.mkdir(folder);
  dist = path.join(dir, 'dist');
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dist], { cwd: REPO, stdio: 'pipe', timeout: 300_000 });

  plan = await bundledPlan();
  const at = (name: string) => (files[name] = path.join(folder, name));
  const scratch = path.join(dir, 'scratch');
  await fs.mkdir(scratch);
  await hostile.writeDepartment(plan, 0, at('good-1.xlsx'));
  await hostile.writeDepartment(plan, 1, at('good-2.xlsx'));
  const third = await hostile.writeDepartment(plan, 2, path.join(scratch, 'third.xlsx'));
  await hostile.libreOfficeDeleteRow(third, at('lo-deleted-row.xlsx'), 0, 3);

  await fs.symlink('/dev/zero', at('zero.xlsx'));
  hostile.makeFifo(at('fifo.xlsx'));
  await hostile.zipBomb(files['good-1.xlsx'], at('bomb.xlsx'), 128);
  await hostile.withSheetXml(files['good-1.xlsx'], at('huge-merge.xlsx'), (x) => hostile.addMerges(x, ['B100:ALL99999']));
  await hostile.withSheetXml(files['good-1.xlsx'], at('many-merges.xlsx'), (x) => hostile.addMerges(x, hostile.smallMerges(5000)));
  await hostile.manyEntries(at('many-entries.xlsx'), 100_000);
  await hostile.tamperMetadata(files['good-1.xlsx'], at('meta-r0.xlsx'), (m) => (m.plan.years[0] = 'R0'));
  await hostile.tamperMetadata(files['good-2.xlsx'], at('meta-title.xlsx'), (m) => (m.plan.title = 2020));
  await hostile.tamperMetadata(files['good-2.xlsx'], at('meta-missing.xlsx'), (m) => delete m.items);
  await fs.writeFile(at('encrypted.xlsx'), Buffer.concat([hostile.OLE_HEADER, Buffer.alloc(8192)]));
  const good = await fs.readFile(files['good-1.xlsx']);
  await fs.writeFile(at('truncated.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  await fs.writeFile(at('empty.xlsx'), '');
  await fs.writeFile(at('image.xlsx'), Buffer.concat([hostile.PNG_HEADER, Buffer.alloc(2048, 7)]));
  await fs.writeFile(at('table.xlsx'), '件名,実績\n電子申請,1266\n');
}, 600_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Runs main() once per argv in one child process; its peak RSS (MB) comes back with the outputs. */
function cli(runs: string[][]): { results: Run[]; peakMb: number } {
  const runner = `const { main } = require(${JSON.stringify(path.join(dist, 'cli', 'main.js'))});
(async () => {
  const results = [];
  for (const argv of JSON.parse(process.argv[1])) {
    let out = '', err = '', code;
    try { code = await main(['node', 'hyoka', ...argv], (s) => (out += s), (s) => (err += s)); }
    catch (e) { code = 'threw'; err += String((e && e.stack) || e); }
    results.push({ argv, code, out, err });
  }
  process.stdout.write(JSON.stringify({ results, peakMb: process.resourceUsage().maxRSS / 1024 }));
})();`;
  const run = spawnSync(process.execPath, ['-e', runner, JSON.stringify(runs)], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') },
  });
  if (run.status !== 0) throw new Error(`the CLI process failed (${run.status ?? run.signal}):\n${run.stderr.slice(0, 4000)}`);
  return JSON.parse(run.stdout);
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);

test('consolidate: every file named with why, the good ones consolidated, the summary written, exit 2', () => {
  const summary = path.join(dir, 'summary.xlsx');
  // The FIFO comes from the folder listing alone: it is listed and refused, not passed over.
  const { results, peakMb } = cli([['consolidate', folder, '-o', summary, '--json']]);
  const [run] = results;
  console.log(`consolidate of the hostile folder: peak RSS ${peakMb.toFixed(0)} MB`);
  expect(run.code).toBe(2);
  noStackTrace(run.err);
  const json = JSON.parse(run.out);
  const byName = new Map<string, { status: string; problem: { ja: string; en: string } | null; items: string[] }>(json.files.map((f: { file: string }) => [path.basename(f.file), f]));
  expect([...byName.keys()].sort()).toEqual([...GOOD, ...Object.keys(REFUSED)].sort());
  for (const name of GOOD) expect([name, byName.get(name)!.status]).toEqual([name, 'read']);
  expect(json.items.map((i: { id: string }) => i.id).sort()).toEqual(plan.items.slice(0, 3).map((i) => i.id).sort());
  for (const name of Object.keys(REFUSED)) {
    const f = byName.get(name)!;
    expect([name, f.status]).toEqual([name, 'unreadable']);
    expect(f.problem!.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(f.problem!.ja).not.toMatch(LIBRARY_ENGLISH);
    expect(run.err).toContain(`${path.join(folder, name)}`);
  }
  expect(byName.get('encrypted.xlsx')!.problem!.en).toMatch(/password-protected/);
  expect(byName.get('meta-r0.xlsx')!.problem!.en).toMatch(/metadata.*plan\.years\.0.*"R0"/);
  expect(byName.get('meta-title.xlsx')!.problem!.en).toMatch(/metadata.*plan\.title.*2020/);
  expect(byName.get('meta-missing.xlsx')!.problem!.en).toMatch(/metadata lacks items/);
  expect(json.totals).toMatchObject({ files: 17, read: 3, unreadable: 14 });
  return fs.stat(summary).then((s) => expect(s.size).toBeGreaterThan(0)).then(() => expect(peakMb).toBeLessThan(700));
});

test('audit: every file named with its reason, the LibreOffice-saved one audited (not refused), exit 2', () => {
  const { results, peakMb } = cli([['audit', folder, '--json']]);
  const [run] = results;
  console.log(`audit of the hostile folder: peak RSS ${peakMb.toFixed(0)} MB`);
  expect(run.code).toBe(2);
  noStackTrace(run.err);
  const json = JSON.parse(run.out);
  const byName = new Map<string, { status: string; problems: { reason?: string; ja: string }[] }>(json.files.map((f: { file: string }) => [path.basename(f.file), f]));
  for (const name of GOOD) expect([name, byName.get(name)!.status]).not.toEqual([name, 'unreadable']);
  for (const [name, reason] of Object.entries(REFUSED)) {
    const f = byName.get(name)!;
    expect([name, f.status, f.problems[0].reason]).toEqual([name, 'unreadable', reason]);
    expect(f.problems[0].ja).not.toMatch(LIBRARY_ENGLISH);
  }
  expect(json.summary).toMatchObject({ files: 17, unreadable: 14 });
  expect(peakMb).toBeLessThan(700);
});

test('export and evaluate: each hostile (or missing) file is one bilingual line naming it, exit 2; good files read', () => {
  const out = path.join(dir, 'plan.json');
  const names = [...Object.keys(REFUSED), 'missing.xlsx'];
  const runs = names.flatMap((name) => [
    ['export', path.join(folder, name), '-o', out],
    ['evaluate', path.join(folder, name)],
  ]);
  runs.push(['export', files['lo-deleted-row.xlsx'], '-o', out], ['evaluate', files['good-1.xlsx']]);
  const { results, peakMb } = cli(runs);
  console.log(`export/evaluate of every file: peak RSS ${peakMb.toFixed(0)} MB`);
  for (const run of results.slice(0, -2)) {
    const file = run.argv[1];
    expect([file, run.code]).toEqual([file, 2]);
    noStackTrace(run.err);
    expect(run.err).toContain(file);
    const [ja] = run.err.replace(`hyoka: ${file}`, '').split(' / ');
    expect(ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(ja).not.toMatch(LIBRARY_ENGLISH);
  }
  const [exported, evaluated] = results.slice(-2);
  expect([exported.code, exported.err]).toEqual([0, '']);
  expect(evaluated.code).toBe(0);
  expect(evaluated.out).toContain(plan.items[0].title);
  const encrypted = results.find((r) => r.argv[0] === 'evaluate' && r.argv[1].endsWith('encrypted.xlsx'))!;
  expect(encrypted.err).toMatch(/暗号化/);
  expect(encrypted.err).not.toMatch(/not a zip|zip）ではありません/);
  expect(peakMb).toBeLessThan(700);
});
