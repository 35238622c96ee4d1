// Collecting a round: returned files matched to the register by their stamp, never by their name. One
// folder holds an honest return, a renamed one, a 差替 pair, a return whose target was changed, files of
// another round and of last year's round, one without a stamp, one with a damaged stamp and a broken one;
// one department sends nothing. Each file's status and reason (both languages) is asserted, and 未提出.
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { expandInputs } from '../../src/consolidate/inputs';
import { openWorkbook, UnreadableWorkbookError } from '../../src/xlsx/safe-load';
import { collect, collectLine, isComplete, readRegister } from '../../src/round/collect';
import { CollectInputError, type Collection } from '../../src/round/collect';
import type { ReturnedFile } from '../../src/round/returns';
import { parseA1 } from '../../src/layout/a1';
import { filled, makeRound, tempDir, writeRegister, writeReturn, type Round } from './support-collect';

let round: Round;
let dir: string;
let result: Collection;
const files: Record<string, string> = {};
const of = (name: string): ReturnedFile => result.files.find((f) => path.basename(f.file) === name)!;
const sentTo = (name: string) => round.sent.find((s) => s.entry.department.name === name)!;

beforeAll(async () => {
  round = await makeRound();
  dir = await tempDir();
  const put = async (name: string, write: (file: string) => Promise<unknown>) => {
    files[name] = path.join(dir, name);
    await write(files[name]);
  };
  await put('02_人事課.xlsx', (f) => writeReturn(sentTo('人事課'), f));
  await put('提出用 (1).xlsx', (f) => writeReturn(sentTo('秘書課'), f)); // 秘書課, renamed
  // 差替: the older save is copied last (newer mtime); its docProps save time still says it is older.
  const zaisei = sentTo('財政課');
  const newer = filled(zaisei);
  const typed = () => newer.items.flatMap((i) => i.kpis).find((k) => typeof k.targets.R5 === 'number')!;
  typed().actuals.R5 = 777;
  const later = new Date('2026-12-12T09:00:00Z');
  await put('03_財政課_差替.xlsx', (f) => writeReturn(zaisei, f, { plan: newer, modified: later }));
  await put('03_財政課.xlsx', (f) => writeReturn(zaisei, f, { modified: new Date('2026-12-10T09:00:00Z') }));
  const zeimu = sentTo('税務課');
  const loosened = filled(zeimu);
  const kpi = loosened.items[0].kpis[0];
  kpi.targets.R2 = (kpi.targets.R2 as number) + 1; // a past target: locked
  await put('05_税務課.xlsx', (f) => writeReturn(zeimu, f, { plan: loosened }));
  const jinji = sentTo('人事課');
  const otherRound = { ...jinji.stamp, roundId: 'R5-20261101T000000Z' };
  await put('other-round.xlsx', (f) => writeReturn(jinji, f, { stamp: otherRound }));
  const r4 = await makeRound({ year: 'R4', roundId: 'R4-20251202T000000Z' });
  const lastYear = r4.sent.find((s) => s.entry.department.name === '人事課')!;
  await put('last-year.xlsx', (f) => writeReturn(lastYear, f));
  await put('no-stamp.xlsx', (f) => writeWorkbookFile(buildWorkbookLayout(filled(jinji)), f));
  await put('damaged.xlsx', (f) => writeReturn(jinji, f, { stamp: { ...jinji.stamp, fingerprint: 'not-a-hash' } }));
  await put('broken.xlsx', (f) => fs.writeFile(f, 'this is not a workbook'));
  result = await collect(round.register, await expandInputs([dir]));
});

test('an honest return is accepted, untouched, with its save time and the SHA-256 of its bytes', async () => {
  const f = of('02_人事課.xlsx');
  expect(f).toMatchObject({ status: 'accepted', untouched: true, entry: { department: { name: '人事課' } } });
  expect(f.fileHash).toBe(createHash('sha256').update(await fs.readFile(files['02_人事課.xlsx'])).digest('hex'));
  // hyoka writes no save time (1970): the file's mtime stands in.
  expect(f.savedAt).toBe((await fs.stat(files['02_人事課.xlsx'])).mtime.toISOString());
  expect(f.plan!.items.map((i) => i.id)).toEqual(sentTo('人事課').entry.items.map((i) => i.id));
  expect(f.plan!.items[0].evaluations.R5?.factors).toBe('要因の記載');
});

test('a renamed file is matched by its stamp to its department', () => {
  const entry = { department: { name: '秘書課' }, file: '01_秘書課.xlsx' };
  expect(of('提出用 (1).xlsx')).toMatchObject({ status: 'accepted', untouched: true, entry });
});

test('差替: the file saved last wins, the older is superseded naming the newer', async () => {
  // The older save has the newer mtime: the workbook's own save time decides.
  await fs.utimes(files['03_財政課_差替.xlsx'], new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
  const again = await collect(round.register, await expandInputs([dir]));
  for (const r of [result, again]) {
    const newer = r.files.find((f) => f.file === files['03_財政課_差替.xlsx'])!;
    const older = r.files.find((f) => f.file === files['03_財政課.xlsx'])!;
    expect(newer).toMatchObject({ status: 'accepted', savedAt: '2026-12-12T09:00:00.000Z' });
    const kpi = newer.plan!.items.flatMap((i) => i.kpis).find((k) => typeof k.targets.R5 === 'number')!;
    expect(kpi.actuals.R5).toBe(777);
    expect(older.status).toBe('superseded');
    expect(older.reason!.ja).toContain('差替: より新しい 03_財政課_差替.xlsx');
    expect(older.reason!.en).toContain('replaced (差替) by the newer 03_財政課_差替.xlsx');
    expect(r.workbooks.has(older.file)).toBe(false);
  }
});

test('--choose takes the chosen file of a 差替 pair; a choice that is not an accepted return is refused', async () => {
  const chosen = await collect(round.register, await expandInputs([dir]), { choose: [files['03_財政課.xlsx']] });
  expect(chosen.files.find((f) => f.file === files['03_財政課.xlsx'])!.status).toBe('accepted');
  const other = chosen.files.find((f) => f.file === files['03_財政課_差替.xlsx'])!;
  expect(other).toMatchObject({
    status: 'superseded',
    reason: { ja: '差替: --choose で 03_財政課.xlsx を採用', en: 'replaced (差替): 03_財政課.xlsx was chosen with --choose' },
  });
  const refusedChoice = collect(round.register, await expandInputs([dir]), { choose: [files['damaged.xlsx']] });
  await expect(refusedChoice).rejects.toBeInstanceOf(CollectInputError);
});

test('a return whose target was changed is accepted but not untouched; its 変更点 names the target cell', () => {
  const f = of('05_税務課.xlsx');
  expect(f).toMatchObject({
    status: 'accepted',
    untouched: false,
    entry: { department: { name: '税務課' } },
  });
  const kpi = sentTo('税務課').entry.sent.items[0].kpis[0];
  const errors = f.changes!.filter((c) => c.severity === 'error');
  expect(errors).toEqual([expect.objectContaining({ kind: 'target-changed', kpiNo: kpi.no, year: 'R2', before: kpi.targets.R2 })]);
  const at = f.locations![sentTo('税務課').entry.sent.items[0].id][kpi.no].R2;
  expect(errors[0].place).toEqual({ sheet: at.sheet, ...parseA1(at.target) });
  // An honest return's changes are only what it filled.
  expect(of('02_人事課.xlsx').changes!.every((c) => c.severity === 'info' && c.kind === 'filled')).toBe(true);
  expect(of('02_人事課.xlsx').changes!.length).toBeGreaterThan(0);
});

test('another round, last year, no stamp, a damaged stamp, unreadable: refused with why', async () => {
  const reason = (name: string) => {
    expect(of(name).status).toBe('refused');
    return of(name).reason!;
  };
  expect(reason('other-round.xlsx')).toEqual({
    ja: '別の回収（R5-20261101T000000Z）で配布されたファイルです（この台帳は R5-20261202T000000Z）',
    en: "sent in another round (R5-20261101T000000Z; this register's is R5-20261202T000000Z)",
  });
  expect(reason('last-year.xlsx')).toEqual({
    ja: '別の年度（R4年度）の回収で配布されたファイルです（この台帳は R5年度）',
    en: "sent in the round of another year (R4; this register's is R5)",
  });
  expect(reason('no-stamp.xlsx')).toEqual({
    ja: '配布スタンプがありません（回収用に配布したワークブックではありません）',
    en: 'no round stamp: not a workbook sent in a round',
  });
  expect(reason('damaged.xlsx').ja).toMatch(/^配布スタンプが壊れています: 配布スタンプの fingerprint が正しくありません/);
  expect(reason('damaged.xlsx').en).toMatch(/^the round stamp is damaged: the round stamp's fingerprint is invalid/);
  const loader = await openWorkbook(files['broken.xlsx']).then(() => null, (e: UnreadableWorkbookError) => e);
  expect(reason('broken.xlsx')).toEqual({ ja: loader!.ja, en: loader!.en });
  for (const name of ['other-round.xlsx', 'no-stamp.xlsx', 'damaged.xlsx', 'broken.xlsx']) {
    expect(result.workbooks.has(files[name])).toBe(false);
  }
});

test('a stamp naming a department, fingerprint or plan the register does not have is refused', async () => {
  const jinji = sentTo('人事課');
  const d = await tempDir();
  await writeReturn(jinji, path.join(d, 'a.xlsx'), { stamp: { ...jinji.stamp, recipient: { name: '架空課' } } });
  await writeReturn(jinji, path.join(d, 'b.xlsx'), { stamp: { ...jinji.stamp, fingerprint: 'f'.repeat(64) } });
  await writeReturn(jinji, path.join(d, 'c.xlsx'), { stamp: { ...jinji.stamp, planId: 'saitama-2020' } });
  const r = await collect(round.register, await expandInputs([d]));
  expect(r.files.map((f) => f.reason)).toEqual([
    { ja: '宛先「架空課」はこの台帳にありません', en: 'its recipient "架空課" is not in this register' },
    {
      ja: 'この回収で配布したファイルではありません（指紋が台帳と一致しません）',
      en: "not from this round: its fingerprint differs from the register's",
    },
    {
      ja: '別の計画で配布されたファイルです（計画 saitama-2020。この台帳は gunma-2020）',
      en: "sent for another plan (saitama-2020; this register's is gunma-2020)",
    },
  ]);
});

test('未提出: the department that sent nothing is listed with its items; the totals count it', () => {
  const senryaku = sentTo('戦略企画課');
  const { department, items } = senryaku.entry;
  expect(result.missing).toEqual([{ department, file: '04_戦略企画課.xlsx', items }]);
  expect(result.missingItems).toEqual(senryaku.entry.items.map((i) => i.id));
  const counts = { departments: 5, returned: 4, missing: 1, accepted: 4, superseded: 1, refused: 5 };
  expect(result.totals).toEqual({ ...counts, missingItems: items.length, files: 10 });
  expect(isComplete(result)).toBe(false);
  expect(collectLine(result)).toEqual({
    ja: `回収 4/5 所属、未提出 1（項目 ${senryaku.entry.items.length}）`,
    en: `returned 4 of 5 departments, 1 missing (${senryaku.entry.items.length} items)`,
  });
});

test('a damaged register is refused naming the field', async () => {
  const d = await tempDir();
  const bad = structuredClone(round.register) as unknown as { entries: Array<{ fingerprint: string }> };
  bad.entries[1].fingerprint = 'abc';
  const file = await writeRegister(bad as never, path.join(d, '配布台帳.json'));
  await expect(readRegister(file)).rejects.toThrow(/entries\.1\.fingerprint/);
  await expect(readRegister(file)).rejects.toBeInstanceOf(CollectInputError);
  await fs.writeFile(file, '{ not json');
  await expect(readRegister(file)).rejects.toThrow('配布台帳が JSON として読めません');
  await expect(readRegister(path.join(d, 'none.json'))).rejects.toThrow('配布台帳を開けません: ファイルまたはフォルダーがありません');
  expect(await readRegister(await writeRegister(round.register, file))).toEqual(round.register);
});
