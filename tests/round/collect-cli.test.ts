// hyoka collect through the real command line: a complete round exits 0; a round with a department
// missing and a refused file exits 1 and writes the summary with its 未提出 and 回収状況 sheets (the
// totals saying how many items are missing); a damaged register or a missing folder exits 2; and
// `consolidate --register` is the same command.
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { loadWorkbook } from '../../src/xlsx/read';
import { SHEETS } from '../../src/consolidate';
import { COLLECT_SHEETS } from '../../src/round/collect-summary';
import { filled, makeRound, tempDir, writeRegister, writeReturn, type Round } from './support-collect';

const DEPARTMENTS = ['秘書課', '人事課', '財政課'];

async function hyoka(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

/** The data rows of a summary sheet (after title, subtitle and one header row) as texts. */
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: ws.columnCount }, (_, c) => String(row.getCell(c + 1).value ?? '')));
  }
  return rows;
}

let round: Round;
let dir: string;
let register: string;

beforeAll(async () => {
  round = await makeRound({ departments: DEPARTMENTS });
  dir = await tempDir();
  register = await writeRegister(round.register, path.join(dir, '配布台帳.json'));
});

test('a complete round exits 0 and the last line counts every department', async () => {
  const returns = path.join(dir, 'all');
  await fs.mkdir(returns);
  for (const s of round.sent) await writeReturn(s, path.join(returns, s.entry.file));
  const run = await hyoka('collect', register, returns, '-o', path.join(dir, 'all.xlsx'));
  expect(run.code).toBe(0);
  expect(run.err).toBe('');
  const last = run.out.trim().split('\n').pop();
  expect(last).toBe('回収 3/3 所属、未提出 0（項目 0） / returned 3 of 3 departments, 0 missing (0 items)');
});

test('a department missing, a refused file: exit 1; 未提出, 回収状況 and the missing items in the summary', async () => {
  const returns = path.join(dir, 'some');
  await fs.mkdir(returns);
  const [hisho, jinji, zaisei] = round.sent;
  const rewritten = filled(hisho);
  rewritten.items[0].kpis[0].actuals.R4 = 90; // a past actual: locked
  await writeReturn(hisho, path.join(returns, 'hisho.xlsx'), { plan: rewritten });
  await writeReturn(jinji, path.join(returns, 'jinji.xlsx'));
  await writeReturn(jinji, path.join(returns, 'old-round.xlsx'), { stamp: { ...jinji.stamp, roundId: 'R5-old' } });
  const output = path.join(dir, '集計.xlsx');
  const run = await hyoka('collect', register, returns, '-o', output);
  expect(run.code).toBe(1);
  const n = zaisei.entry.items.length;
  const last = run.out.trim().split('\n').pop();
  expect(last).toBe(`回収 2/3 所属、未提出 1（項目 ${n}） / returned 2 of 3 departments, 1 missing (${n} items)`);
  expect(run.err).toContain(`old-round.xlsx: 不受理 / refused: 別の回収（R5-old）で配布されたファイルです`);
  expect(run.err).toContain(`未提出 / not returned: 財政課（03_財政課.xlsx）実施項目 ${n} 件`);
  expect(run.err).toContain('hisho.xlsx: 受理、ただし配布時から目標・過年度・定義などが変わっています');

  const wb = await loadWorkbook(output);
  const missing = wb.getWorksheet(COLLECT_SHEETS.missing)!;
  expect(rowsOf(missing)).toEqual([
    [
      '03',
      '財政課',
      String(n),
      zaisei.entry.items.map((i) => `${i.no}　${i.title}`).join('\n'),
      zaisei.entry.items.map((i) => i.id).join('、'),
      '03_財政課.xlsx',
    ],
  ]);
  const status = rowsOf(wb.getWorksheet(COLLECT_SHEETS.status)!);
  expect(status.map((r) => [path.basename(r[0]), r[1], r[2], r[5]])).toEqual([
    ['hisho.xlsx', '受理', '秘書課', '✗'],
    ['jinji.xlsx', '受理', '人事課', '✓'],
    ['old-round.xlsx', '不受理', '人事課', ''],
  ]);
  expect(status[2][3]).toContain("sent in another round (R5-old; this register's is");
  // 変更点: the rewritten R4 actual, 要確認, at its cell; the honest return's R5 actuals as 入力.
  const changes = rowsOf(wb.getWorksheet(COLLECT_SHEETS.changes)!);
  const flagged = changes.filter((r) => r[2] === '要確認');
  expect(flagged.map((r) => [path.basename(r[0]), r[1], r[3], r[4], r[5], r[7]])).toEqual([
    ['hisho.xlsx', '秘書課', hisho.entry.items[0].id, '1', 'R4', '90'],
  ]);
  expect(flagged[0][8]).toMatch(/^'.+'!\$?[A-Z]+\$?\d+$/);
  expect(run.err).toContain(flagged[0][8]);
  expect(changes.some((r) => path.basename(r[0]) === 'jinji.xlsx' && r[2] === '入力')).toBe(true);
  const rollups = wb.getWorksheet(SHEETS.rollups)!;
  expect(String(rollups.getCell('A2').value)).toContain(`※未提出の実施項目 ${n} 件（1 所属）は含まれていません`);
  // The items sheet holds exactly the accepted departments' items.
  const titles = new Set(rowsOf(wb.getWorksheet(SHEETS.items)!).map((r) => r[4]));
  expect([...titles].sort()).toEqual([...hisho.entry.items, ...jinji.entry.items].map((i) => i.title).sort());

  const json = await hyoka('collect', register, returns, '--json');
  expect(json.code).toBe(1);
  const parsed = JSON.parse(json.out);
  expect(parsed.totals).toMatchObject({ departments: 3, returned: 2, missing: 1, refused: 1 });
  expect(parsed.missing[0].department.name).toBe('財政課');
  expect(parsed.consolidation.totals.items).toBe(hisho.entry.items.length + jinji.entry.items.length);

  const alias = await hyoka('consolidate', '--register', register, returns, '--json');
  expect(alias.code).toBe(1);
  expect(JSON.parse(alias.out).totals).toEqual(parsed.totals);
});

test('a damaged register, a missing folder and a --choose that is no return are bad input (exit 2)', async () => {
  const bad = path.join(dir, 'bad.json');
  await fs.writeFile(bad, JSON.stringify({ ...round.register, roundId: '' }));
  const damaged = await hyoka('collect', bad, dir, '--json');
  expect(damaged.code).toBe(2);
  expect(damaged.err).toContain('配布台帳が壊れています（roundId:');
  const noFolder = await hyoka('collect', register, path.join(dir, 'nowhere'), '--json');
  expect(noFolder.code).toBe(2);
  expect(noFolder.err).toContain('返送ファイルまたはフォルダーがありません / no such returned file or folder');
  const choice = await hyoka('collect', register, path.join(dir, 'all'), '--json', '--choose', register);
  expect(choice.code).toBe(2);
  expect(choice.err).toContain('--choose names a file that is not an accepted return');
});
