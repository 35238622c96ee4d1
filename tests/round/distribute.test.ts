// hyoka distribute on the bundled plan, through the real CLI in a child process: one workbook per
// department (the 取組所属 split and normalised), every item sent, item 29 to each of its twelve
// departments, a register that validates and lists exactly the files written, Windows-safe names, and in
// each file the register's stamp with the fingerprint of the plan the file reads back to.
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { fingerprintOf } from '../../src/round/stamp';
import { entryStamp } from '../../src/round/distribute';
import { loadWorkbook } from '../../src/xlsx/read';
import { BUNDLED } from '../support/plans';
import { tempDir, expectNoStack } from '../cli/support';
import { readDistribution, spawnHyoka, windowsSafe, type ChildRun, type ReadBack } from './support-distribute';

let plan: Plan;
let folder: string;
let run: ChildRun;
let round: Awaited<ReturnType<typeof readDistribution>>;

/** The plan's departments as the office counts them: 取組所属 split on 、, brackets and widths ignored. */
const key = (name: string) => name.normalize('NFKC').replace(/\s/g, '');
const departmentsOf = (leadDept: string) => leadDept.split('、').map(key);

beforeAll(async () => {
  plan = await loadPlanFile(BUNDLED);
  folder = path.join(await tempDir('hyoka-distribute-'), '配布');
  run = await spawnHyoka(['distribute', BUNDLED, '--year', 'R5', '-o', folder]);
  round = await readDistribution(folder);
});

test('exit 0, one line per file and a total; on standard error the merged spellings and the frozen R4 gap', () => {
  expect(run.code).toBe(0);
  const lines = run.out.trim().split('\n');
  const perFile = round.register.entries.map((e) => `${e.file}: ${e.department.name} — ${e.items.length} 実施項目 / items`);
  expect(lines.slice(0, -2)).toEqual(perFile);
  expect(lines.at(-2)).toContain(`${round.register.entries.length} 所属に 30 実施項目`);
  expect(lines.at(-1)).toContain(`30 items to ${round.register.entries.length} departments`);
  expect(run.err).toContain('「(総)総務課」「（総）総務課」 を同じ所属「(総)総務課」として扱います');
  expect(run.err).toContain('前年度 R4 の実績が空欄の指標があります（実施項目 (12)）');
  expect(run.err.trim().split('\n')).toHaveLength(2);
  expectNoStack(run.err);
});

test('one file per department: (総)総務課 and （総）総務課 are one, every listed department has its file', () => {
  const expected = new Set(plan.items.flatMap((i) => departmentsOf(i.leadDept)));
  const got = round.register.entries.map((e) => key(e.department.name));
  expect(new Set(got).size).toBe(got.length);
  expect(new Set(got)).toEqual(expected);
  expect(got).toHaveLength(35);
});

test("every item goes to exactly its departments' files; item 29 to each of its twelve", () => {
  for (const item of plan.items) {
    const receiving = round.register.entries.filter((e) => e.items.some((i) => i.id === item.id));
    const to = receiving.map((e) => key(e.department.name));
    expect(to.sort()).toEqual(departmentsOf(item.leadDept).sort());
  }
  const item29 = plan.items.find((i) => i.no === 29)!;
  const owners = round.files.filter((f) => f.plan.items.some((i) => i.id === item29.id));
  expect(owners).toHaveLength(12);
  // Each receives the whole item: every KPI, as sent.
  for (const f of owners) {
    const received = f.plan.items.find((i) => i.id === item29.id)!;
    expect(received.kpis.map((k) => k.name)).toEqual(item29.kpis.map((k) => k.name));
  }
});

test('the folder holds exactly the register and the files it lists, each name safe on Windows and unique', async () => {
  const names = round.register.entries.map((e) => e.file);
  expect((await fs.readdir(folder)).sort()).toEqual([...names, '配布台帳.json', '配布台帳.xlsx'].sort());
  expect(names.filter((n) => !windowsSafe(n))).toEqual([]);
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  expect(names[0]).toBe('R5_01_業務プロセス改革課.xlsx');
});

test("the register: the plan's id, the year, a default round id, each department's plan as sent", () => {
  const r = round.register;
  expect([r.planId, r.planTitle, r.year, r.layout]).toEqual([plan.plan.id, plan.plan.title, 'R5', 'gunma-evaluation']);
  expect(r.roundId).toMatch(/^R5-\d{8}T\d{6}Z$/);
  for (const e of r.entries) {
    expect(e.sent.plan).toEqual(plan.plan);
    expect(e.sent.kgis).toEqual(plan.kgis);
    expect(e.sent.items).toEqual(plan.items.filter((i) => e.items.some((x) => x.id === i.id)));
    expect(e.items.map((i) => i.no)).toEqual([...e.items.map((i) => i.no)].sort((a, b) => a - b));
    expect(e.fingerprint).toBe(fingerprintOf(e.sent, 'R5'));
  }
});

test("each file's stamp is the register entry's, and its fingerprint is the read-back plan's", () => {
  const byFile = new Map<string, ReadBack>(round.files.map((f) => [f.file, f]));
  for (const entry of round.register.entries) {
    const back = byFile.get(entry.file)!;
    expect(back.stamp).toEqual({ stamp: entryStamp(round.register, entry) });
    const stamp = back.stamp && 'stamp' in back.stamp ? back.stamp.stamp : null;
    expect(stamp?.recipient).toEqual(entry.department);
    expect(stamp?.itemIds).toEqual(back.plan.items.map((i) => i.id));
    expect(fingerprintOf(back.plan, 'R5')).toBe(entry.fingerprint);
  }
});

test('the register workbook: one row per file under a frozen, filtered header', async () => {
  const wb = await loadWorkbook(path.join(folder, '配布台帳.xlsx'));
  const ws = wb.worksheets[0];
  expect(ws.name).toBe('配布台帳');
  expect(ws.getRow(3).values).toEqual([undefined, 'ファイル', '所属コード', '所属', '実施項目', '実施項目名', '指紋（先頭12桁）']);
  const first = round.register.entries[0];
  expect(ws.getCell(4, 1).value).toBe(first.file);
  expect(ws.getCell(4, 6).value).toBe(first.fingerprint.slice(0, 12));
  expect(ws.getCell(4 + round.register.entries.length - 1, 1).value).toBe(round.register.entries.at(-1)!.file);
  expect(ws.getCell(4 + round.register.entries.length, 1).value).toBeNull();
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  expect(ws.autoFilter).toBeTruthy();
});
