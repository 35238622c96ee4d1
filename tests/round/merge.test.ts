// The plan of record after a round: the round year's inputs taken from the accepted returns with their
// source (file, SHA-256, sheet, cell), nothing a department changed outside the open cells, a value the
// engine cannot evaluate refused at its cell, two departments disagreeing reported — and the record a
// valid plan that generate and export carry losslessly, sources included.
import { promises as fs } from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { collect } from '../../src/round/collect';
import { mergeRound } from '../../src/round/merge';
import type { ReturnedFile } from '../../src/round/returns';
import { expandInputs } from '../../src/consolidate/inputs';
import { parsePlan } from '../../src/model/validate';
import { auditWorkbook } from '../../src/audit';
import { recalculationRows } from '../../src/audit/recalculation';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import type { Plan } from '../../src/model/plan';
import { filled, makeRound, tempDir, writeRegister, writeReturn, type Round } from './support-collect';

jest.setTimeout(120_000);

let round: Round;
let dir: string;
let returns: string;
let registerFile: string;
let recordFile: string;
const typed: Record<string, Plan> = {};

async function hyoka(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

beforeAll(async () => {
  round = await makeRound();
  dir = await tempDir('hyoka-merge-');
  returns = path.join(dir, '返送');
  await fs.mkdir(returns);
  registerFile = await writeRegister(round.register, path.join(dir, '配布台帳.json'));
  recordFile = path.join(dir, 'record.json');
  await fs.writeFile(recordFile, JSON.stringify(round.plan, null, 2));
  const [hisho, jinji, zaisei, senryaku] = round.sent;
  typed.hisho = filled(hisho);
  typed.hisho.items[0].kpis[0].actuals.R4 = 90; // a past actual: locked, never merged
  typed.jinji = filled(jinji);
  typed.jinji.items[0].kpis[0].actuals.R5 = 11.5;
  typed.zaisei = filled(zaisei);
  typed.zaisei.items[0].kpis[0].actuals.R5 = '未定'; // text in a numeric KPI: refused at its cell
  typed.zaisei.items[0].evaluations.R5 = { factors: '要因', nextYearIssues: '課題', response: '対応' };
  typed.senryaku = filled(senryaku);
  for (const [name, s] of [['hisho', hisho], ['jinji', jinji], ['zaisei', zaisei], ['senryaku', senryaku]] as const) {
    await writeReturn(s, path.join(returns, s.entry.file), { plan: typed[name] });
  }
  // 税務課 returns nothing.
});

test('the round year is taken with its source; a locked change is not; a text actual is refused at its cell', async () => {
  const collection = await collect(round.register, await expandInputs([returns]));
  const merged = mergeRound({ record: round.plan, register: round.register, returns: collection.files });
  const item = (id: string) => merged.plan.items.find((i) => i.id === id)!;
  const [hisho, jinji, zaisei] = round.sent;

  const jinjiItem = item(jinji.entry.items[0].id);
  expect(jinjiItem.kpis[0].actuals.R5).toBe(11.5);
  const source = jinjiItem.kpis[0].sources!.R5;
  const returned = collection.files.find((f) => f.entry?.department.name === '人事課')!;
  const at = returned.locations![jinjiItem.id][1].R5;
  expect(source).toEqual({
    file: returned.file, sha256: returned.fileHash, sheet: at.sheet, cell: at.actual,
    department: '人事課', roundId: round.register.roundId, savedAt: returned.savedAt,
  });
  expect(jinjiItem.evaluations.R5?.factors).toBe('要因の記載');

  const hishoItem = item(hisho.entry.items[0].id);
  expect(hishoItem.kpis[0].actuals.R4).toEqual(round.plan.items.find((i) => i.id === hishoItem.id)!.kpis[0].actuals.R4);

  const zaiseiItem = item(zaisei.entry.items[0].id);
  expect(zaiseiItem.kpis[0].actuals.R5).toBeUndefined();
  const refused = merged.notes.find((n) => n.kind === 'refused-value')!;
  const zaiseiAt = collection.files.find((f) => f.entry?.department.name === '財政課')!.locations![zaiseiItem.id][1].R5;
  expect(refused).toMatchObject({ itemId: zaiseiItem.id, kpiNo: 1, sheet: zaiseiAt.sheet, cell: zaiseiAt.actual });
  expect(refused.message.ja).toContain('未定');
  expect(zaiseiItem.evaluations.R5).toEqual({ factors: '要因', nextYearIssues: '課題', response: '対応' });

  const missing = merged.notes.filter((n) => n.kind === 'not-returned').map((n) => n.itemId).sort();
  expect(missing).toEqual(round.sent[4].entry.items.map((i) => i.id).sort());
  expect(parsePlan(merged.plan).ok).toBe(true);
  // Everything outside the round year is as recorded.
  const outside = (p: Plan) => JSON.stringify(p.items.map((i) => i.kpis.map((k) => [k.targets, { ...k.actuals, R5: 0 }])));
  expect(outside(merged.plan)).toBe(outside(round.plan));
});

test("a KPI's owner gives its actual; another department's different value is a conflict", async () => {
  const collection = await collect(round.register, await expandInputs([returns]));
  const lead = collection.files.find((f) => f.entry?.department.name === '人事課')! as ReturnedFile & { plan: Plan };
  const itemId = round.sent[1].entry.items[0].id;
  const record = structuredClone(round.plan);
  record.items.find((i) => i.id === itemId)!.kpis[0].owner = '（総）総務課';
  const ownerPlan = structuredClone(lead.plan);
  ownerPlan.items.find((i) => i.id === itemId)!.kpis[0].actuals.R5 = 9.9;
  const owner: ReturnedFile = { ...lead, file: 'owner.xlsx', plan: ownerPlan, entry: { ...lead.entry!, department: { name: '(総)総務課' } } };
  const merged = mergeRound({ record, register: round.register, returns: [lead, owner] });
  const kpi = merged.plan.items.find((i) => i.id === itemId)!.kpis[0];
  expect(kpi.actuals.R5).toBe(9.9);
  expect(kpi.sources!.R5.file).toBe('owner.xlsx');
  const conflicts = merged.notes.filter((n) => n.kind === 'conflict');
  expect(conflicts).toHaveLength(1);
  expect(conflicts[0].message.en).toContain('11.5');
});

test('hyoka merge writes the record (exit 1: a department missing, a refused value); generate → export keeps sources', async () => {
  const out = path.join(dir, 'record-R5.json');
  const run = await hyoka('merge', recordFile, returns, '--register', registerFile, '-o', out);
  expect(run.code).toBe(1);
  expect(run.err).toContain('未定');
  expect(run.out).toMatch(/反映: 実績 \d+ 件/);
  const record = JSON.parse(await fs.readFile(out, 'utf8'));
  const parsed = parsePlan(record);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems[0]));
  const withSources = parsed.plan.items.flatMap((i) => i.kpis).filter((k) => k.sources?.R5);
  expect(withSources.length).toBeGreaterThan(0);

  const xlsx = path.join(dir, 'record-R5.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(parsed.plan), xlsx);
  const back = workbookToPlan(await loadWorkbook(xlsx), xlsx);
  expect(back.items.flatMap((i) => i.kpis).map((k) => k.sources ?? null)).toEqual(parsed.plan.items.flatMap((i) => i.kpis).map((k) => k.sources ?? null));

  // The audit's recalculation of the record's workbook traces each merged actual to its department file.
  const rows = recalculationRows([await auditWorkbook(xlsx)]).filter((r) => r.year === 'R5' && r.source);
  expect(rows.length).toBe(withSources.length);
  const first = withSources[0].sources!.R5;
  expect(rows.map((r) => r.source)).toContain(`${first.file} '${first.sheet}'!${first.cell}`);

  // evaluate --json names where each merged actual came from.
  const evaluated = JSON.parse((await hyoka('evaluate', out, '--json')).out);
  const kpiYears = evaluated.items.flatMap((i: { kpis: { years: Record<string, { source?: unknown }> }[] }) => i.kpis.map((k) => k.years.R5));
  expect(kpiYears.filter((y: { source?: unknown } | null) => y?.source).length).toBe(withSources.length);

  const again = await hyoka('merge', recordFile, returns, '--register', registerFile, '-o', recordFile);
  expect(again.code).toBe(2); // the output would overwrite the record
});

test('a 目標変更 request is listed (a request in 変更点), kept in the record, and applied only when approved', async () => {
  const folder = path.join(dir, 'request');
  await fs.mkdir(folder);
  const jinji = round.sent[1];
  const asked = filled(jinji);
  const kpi = asked.items[0].kpis[0];
  kpi.targetChangeRequests = { R5: { value: 12, reason: '業務量の増加' } };
  await writeReturn(jinji, path.join(folder, jinji.entry.file), { plan: asked });
  const collection = await collect(round.register, await expandInputs([folder]));
  const changes = collection.files[0].changes!;
  expect(changes.filter((c) => c.severity === 'request').map((c) => [c.kind, c.kpiNo, c.year])).toEqual([['target-change-request', kpi.no, 'R5']]);
  expect(changes.some((c) => c.severity === 'error')).toBe(false);

  const itemId = asked.items[0].id;
  const pending = mergeRound({ record: round.plan, register: round.register, returns: collection.files });
  const kept = pending.plan.items.find((i) => i.id === itemId)!.kpis[0];
  const original = round.plan.items.find((i) => i.id === itemId)!.kpis[0];
  expect(kept.targets.R5).toEqual(original.targets.R5);
  expect(kept.targetChangeRequests).toEqual({ R5: { value: 12, reason: '業務量の増加' } });
  expect(pending.notes.find((n) => n.kind === 'target-change-request')!.message.en).toContain(`--approve ${itemId}:${kpi.no}`);

  const approved = mergeRound({ record: round.plan, register: round.register, returns: collection.files, approve: [{ itemId, kpiNo: kpi.no }] });
  const changed = approved.plan.items.find((i) => i.id === itemId)!.kpis[0];
  expect(changed.targets.R5).toBe(12);
  expect(changed.revisions).toEqual([...(original.revisions ?? []), { year: 'R5', before: original.targets.R5, after: 12, note: '業務量の増加' }]);
  expect(approved.approved).toBe(1);
  const cli = await hyoka('merge', recordFile, folder, '--register', registerFile, '--approve', `${itemId}:${kpi.no}`, '--json');
  expect(JSON.parse(cli.out).plan.items.find((i: { id: string }) => i.id === itemId).kpis[0].targets.R5).toBe(12);
  expect((await hyoka('merge', recordFile, folder, '--register', registerFile, '--approve', 'nonsense', '--json')).code).toBe(2);
});
