// hyoka distribute's refusals and options, in process: a year outside the plan, an output over an input,
// an earlier round's files (refused, replaced with --force), a plan without items; the department list
// (codes, display names, order, unknown names reported with the item); KPI owners receiving the whole
// item; --json; the password; and every layout in seeds/.
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { Register } from '../../src/round/register';
import { fingerprintOf } from '../../src/round/stamp';
import { DepartmentDirectory, parseDepartmentCsv } from '../../src/round/departments';
import { planRound } from '../../src/round/distribute';
import { BUNDLED, REPO } from '../support/plans';
import { hyoka, tempDir, expectNoStack } from '../cli/support';
import { readDistribution, smallPlan } from './support-distribute';

let bundled: Plan;

beforeAll(async () => {
  bundled = await loadPlanFile(BUNDLED);
});

/** A folder with `plan` written as plan.json (or `name`). */
async function withPlan(plan: Plan, name = 'plan.json'): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('hyoka-distribute-cli-');
  const file = path.join(dir, name);
  await fs.writeFile(file, JSON.stringify(plan));
  return { dir, file };
}

test('a year the plan does not have: exit 2 naming the plan and its years, nothing written', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 2));
  const r = await hyoka(['distribute', file, '--year', 'R7', '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`${file}: 年度「R7」はこの計画にありません（計画の年度: R2・R3・R4・R5・R6）`);
  expect(r.err).toContain(`year "R7" is not one of the plan's years (R2, R3, R4, R5, R6)`);
  expectNoStack(r.err);
  expect(await fs.readdir(dir)).toEqual(['plan.json']);
});

test('an output over an input is refused: a plan named 配布台帳.json in the output folder stays as it was', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 2), '配布台帳.json');
  const before = await fs.readFile(file);
  const r = await hyoka(['distribute', file, '--year', 'R5', '-o', dir, '--force']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('出力先が入力ファイルです');
  expect(r.err).toContain('the output is an input');
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  expect(await fs.readdir(dir)).toEqual(['配布台帳.json']);
});

test("an earlier round's register is never replaced silently: exit 2 without --force, replaced with it", async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 2));
  const out = path.join(dir, 'out');
  expect((await hyoka(['distribute', file, '--year', 'R5', '-o', out, '--round-id', 'R5-first'])).code).toBe(0);
  const first = await fs.readFile(path.join(out, '配布台帳.json'), 'utf8');
  const again = await hyoka(['distribute', file, '--year', 'R5', '-o', out, '--round-id', 'R5-second']);
  expect(again.code).toBe(2);
  expect(again.err).toContain(`${out}: 前の配布のファイルがあります（配布台帳.json、配布台帳.xlsx、`);
  expect(again.err).toContain('--force replaces them');
  expect(await fs.readFile(path.join(out, '配布台帳.json'), 'utf8')).toBe(first);
  const forced = await hyoka(['distribute', file, '--year', 'R5', '-o', out, '--round-id', 'R5-second', '--force']);
  expect(forced.code).toBe(0);
  expect(JSON.parse(await fs.readFile(path.join(out, '配布台帳.json'), 'utf8')).roundId).toBe('R5-second');
});

test('the output folder is made when missing, but not its parent; a file as -o is refused', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 1));
  const r = await hyoka(['distribute', file, '--year', 'R5', '-o', path.join(dir, 'no', 'out')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('出力先の親フォルダーがありません');
  const notFolder = await hyoka(['distribute', file, '--year', 'R5', '-o', file]);
  expect(notFolder.code).toBe(2);
  expect(notFolder.err).toContain('the output (-o) must be a folder');
});

test('the department list: codes in file names, names and order; unknown names reported with the item', async () => {
  const plan = smallPlan(bundled, 30);
  const items = plan.items.filter((i) => /総務課|人事課|秘書課/.test(i.leadDept));
  const { dir, file } = await withPlan({ ...plan, items });
  const csv = path.join(dir, '所属.csv');
  await fs.writeFile(csv, '\uFEFFcode,name,aliases\r\n03,総務課,"(総)総務課;（総）総務課"\r\n07,人事課,\r\n99,財政課,\r\n');
  const out = path.join(dir, 'out');
  const r = await hyoka(['distribute', file, '--year', 'R5', '-o', out, '--departments', csv]);
  expect(r.code).toBe(0);
  const { register } = await readDistribution(out);
  expect(register.entries.slice(0, 2).map((e) => [e.file, e.department])).toEqual([
    ['R5_03_総務課.xlsx', { code: '03', name: '総務課' }],
    ['R5_07_人事課.xlsx', { code: '07', name: '人事課' }],
  ]);
  const secretariat = items.find((i) => i.leadDept === '秘書課')!;
  expect(r.err).toContain(`所属「秘書課」（実施項目 (${secretariat.no})）は所属一覧にありません: この名前で配布します`);
  expect(r.err).toContain('is not in the department list: sent under this name');
  expect(r.err).toContain('所属一覧の「財政課」（4 行目）に配る実施項目はありません');
  expect(register.entries.find((e) => e.department.name === '秘書課')?.department.code).toBeUndefined();
});

test('a bad department list is refused naming its line; nothing written', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 1));
  const csv = path.join(dir, '所属.csv');
  await fs.writeFile(csv, 'code,name\n01,財政課\n01,税務課\n');
  const r = await hyoka(['distribute', file, '--year', 'R5', '-o', path.join(dir, 'out'), '--departments', csv]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`${csv}: 3 行目: コード「01」は 2 行目と重複しています / line 3: code "01" repeats line 2`);
  await fs.writeFile(csv, Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x2c, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x8d, 0x82]));
  const sjis = await hyoka(['distribute', file, '--year', 'R5', '-o', path.join(dir, 'out'), '--departments', csv]);
  expect(sjis.err).toContain('line 2 is not UTF-8');
  expect(await fs.readdir(dir)).not.toContain('out');
});

test("a KPI owner receives the whole item; the lead department's file has it too", async () => {
  const plan = smallPlan(bundled, 2);
  plan.items[0] = { ...plan.items[0], leadDept: '財政課' };
  plan.items[0].kpis = plan.items[0].kpis.map((k, i) => (i === 0 ? { ...k, owner: '（総）総務課' } : k));
  plan.items[1] = { ...plan.items[1], leadDept: '(総)総務課' };
  const { dir, file } = await withPlan(plan);
  const out = path.join(dir, 'out');
  expect((await hyoka(['distribute', file, '--year', 'R5', '-o', out])).code).toBe(0);
  const { register, files } = await readDistribution(out);
  expect(register.entries.map((e) => [e.department.name, e.items.map((i) => i.no)])).toEqual([
    ['財政課', [plan.items[0].no]],
    ['（総）総務課', [plan.items[0].no, plan.items[1].no]],
  ]);
  const owner = files[1].plan.items[0];
  expect(owner.kpis.map((k) => k.name)).toEqual(plan.items[0].kpis.map((k) => k.name));
  expect(owner.kpis[0].owner).toBe('（総）総務課');
});

test('--json prints the register (as written); the file lines go to standard error', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 2));
  const out = path.join(dir, 'out');
  const r = await hyoka(['distribute', file, '--year', 'R4', '-o', out, '--json']);
  expect(r.code).toBe(0);
  const printed = Register.parse(JSON.parse(r.out));
  expect(printed).toEqual(JSON.parse(await fs.readFile(path.join(out, '配布台帳.json'), 'utf8')));
  expect(r.err).toContain(printed.entries[0].file);
});

test('--password-stdin: the workbook sent has protected sheets', async () => {
  const { dir, file } = await withPlan(smallPlan(bundled, 1));
  const out = path.join(dir, 'out');
  const r = await hyoka(['distribute', file, '--year', 'R5', '-o', out, '--password-stdin'], { stdin: 'secret\n' });
  expect(r.code).toBe(0);
  const { register } = await readDistribution(out);
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(out, register.entries[0].file)));
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const xml = await Promise.all(sheets.map((n) => zip.file(n)!.async('string')));
  expect(xml.filter((x) => /<sheetProtection[^>]*hashValue=/.test(x)).length).toBeGreaterThan(0);
});

describe.each([
  ['gunma-dx-2021.json', 'R4'],
  ['saitama-2020.json', 'R3'],
  ['yamagata-2021.json', 'R5'],
])('%s', (seed, year) => {
  test(`distributed for ${year}: every item sent, each stamp's fingerprint the read-back plan's`, async () => {
    const plan = await loadPlanFile(path.join(REPO, 'seeds', seed));
    const dir = await tempDir('hyoka-distribute-seed-');
    const r = await hyoka(['distribute', path.join(REPO, 'seeds', seed), '--year', year, '-o', dir]);
    expect(r.code).toBe(0);
    const { register, files } = await readDistribution(dir);
    expect(register.layout).toBe(plan.plan.layout);
    const sent = new Set(register.entries.flatMap((e) => e.items.map((i) => i.id)));
    expect(sent).toEqual(new Set(plan.items.map((i) => i.id)));
    for (const [i, f] of files.entries()) {
      expect(f.stamp && 'stamp' in f.stamp && f.stamp.stamp.fingerprint).toBe(register.entries[i].fingerprint);
      expect(fingerprintOf(f.plan, year)).toBe(register.entries[i].fingerprint);
    }
    if (seed.startsWith('yamagata')) {
      expect(register.entries.map((e) => e.department.name)).toEqual(['所属未設定']);
      expect(r.err).toContain('取組所属も指標の担当所属もありません');
    }
    if (seed.startsWith('saitama')) {
      const both = plan.items.find((i) => i.leadDept === '企画財政部・総務部')!;
      const to = register.entries.filter((e) => e.items.some((i) => i.id === both.id)).map((e) => e.department.name);
      expect(to).toEqual(['企画財政部', '総務部']);
    }
  });
});

test('the outline plan (no items yet) is refused: nothing to distribute', async () => {
  const dir = await tempDir('hyoka-distribute-outline-');
  const r = await hyoka(['distribute', path.join(REPO, 'seeds', 'gunma-2025-outline.json'), '--year', 'R7', '-o', dir]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('配布する実施項目がありません / the plan has no items to distribute');
  expect(await fs.readdir(dir)).toEqual([]);
});

test('two aliases of one listed department in one cell: the item is sent to it once', () => {
  const plan = smallPlan(bundled, 1);
  plan.items[0] = { ...plan.items[0], leadDept: '総務課、(総)総務課' };
  const list = parseDepartmentCsv('code,name,aliases\n03,総務課,(総)総務課\n', 'x.csv');
  const { register } = planRound(plan, { year: 'R5', directory: new DepartmentDirectory(list) });
  const sent = register.entries.map((e) => [e.file, e.items.map((i) => i.id)]);
  expect(sent).toEqual([['R5_03_総務課.xlsx', [plan.items[0].id]]]);
});

test('a plan part its sheet cannot carry (DX evaluation texts): refused naming it, nothing written', async () => {
  const plan = await loadPlanFile(path.join(REPO, 'seeds', 'gunma-dx-2021.json'));
  plan.items[0].evaluations.R3 = { response: '前年度の対応' };
  const { dir, file } = await withPlan(plan);
  const r = await hyoka(['distribute', file, '--year', 'R4', '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  const no = plan.items[0].no;
  expect(r.err).toContain(`実施項目 (${no}) の evaluations.R3 はこのレイアウトのシートに載らず、読み戻すと変わります`);
  expect(r.err).toContain(`item (${no}) evaluations.R3 does not survive this layout's sheet`);
  expectNoStack(r.err);
  expect(await fs.readdir(dir)).toEqual(['plan.json']);
});
