// The audit report's 再計算 sheet (issue 12, traceability): one row per KPI-year of every workbook, each
// equal to what `hyoka evaluate --json` says of the same workbook, with the cells the figures came from,
// the file's SHA-256 and, for a workbook sent in a round, its stamp. On every seed layout.
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { loadPlanFile } from '../../src/cli/plan-file';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { fingerprintOf, type RoundStamp } from '../../src/round/stamp';

const SEEDS = ['gunma-2020', 'saitama-2020', 'gunma-dx-2021', 'yamagata-2021', 'gunma-2025-outline'];

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), () => undefined);
  return { code, out };
}

interface EvaluatedYear { target: unknown; actual: unknown; rate: number | null; display: string | null; achieved: boolean | null; status: string; cell?: { target: string; actual: string; rate: string } }
interface Evaluated { items: { id: string; kpis: { no: number; years: Record<string, EvaluatedYear | null> }[] }[] }

async function sheetRows(report: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const ws = wb.getWorksheet('再計算 Recalculation');
  if (!ws) throw new Error('no 再計算 sheet');
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  return rows;
}

let dir: string;
beforeAll(async () => void (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-recalc-sheet-'))));
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

test.each(SEEDS)('%s: one row per KPI-year, each equal to evaluate --json, with its cells and the file hash', async (seed) => {
  const plan = await loadPlanFile(path.join(__dirname, '../../seeds', `${seed}.json`));
  const file = path.join(dir, `${seed}.xlsx`);
  await fs.writeFile(file, await writeWorkbookBuffer(buildWorkbookLayout(plan)));
  const report = path.join(dir, `${seed}-report.xlsx`);
  expect((await run('audit', file, '-o', report)).code).toBe(0);
  const evaluated = JSON.parse((await run('evaluate', file, '--json')).out) as Evaluated;
  const rows = await sheetRows(report);
  const expected = evaluated.items.flatMap((item) => item.kpis.flatMap((k) => plan.plan.years.map((y) => ({ item: item.id, kpi: k.no, year: y, e: k.years[y] }))));
  expect(rows.length).toBe(expected.length);
  const sha = createHash('sha256').update(await fs.readFile(file)).digest('hex');
  expected.forEach(({ item, kpi, year, e }, i) => {
    const row = rows[i];
    expect([row['実施項目 / Item'], row['指標 / KPI'], row['年度 / Year']]).toEqual([item, kpi, year]);
    expect(row['SHA-256']).toBe(sha);
    if (e === null) return; // nothing to evaluate: evaluate --json prints null for the year
    expect(row['表示（再計算） / Display']).toBe(e.display);
    expect(row['達成率 / Rate']).toBe(e.rate);
    expect(row['達成 / Achieved']).toBe(e.achieved === null ? null : e.achieved ? '○' : '×');
    expect(row['目標 / Target']).toEqual(e.target);
    expect(row['実績 / Actual']).toEqual(e.actual);
    expect(row['状態 / Status']).toBe(e.status);
    if (e.cell) expect([row['目標セル'], row['実績セル']]).toEqual([e.cell.target, e.cell.actual]);
    if (row['達成率セル'] !== null) expect(row['一致 / Agrees']).toBe('○');
  });
}, 120_000);

test('a typed-over rate disagrees at its cell; a round workbook names its round and recipient', async () => {
  const plan = await loadPlanFile(path.join(__dirname, '../../seeds', 'gunma-2020.json'));
  const stamp: RoundStamp = {
    version: 1, planId: plan.plan.id, roundId: 'R2-20261202T000000Z', year: 'R2', recipient: { name: '総務課' },
    issuedAt: '2026-12-02T00:00:00Z', itemIds: plan.items.map((i) => i.id), fingerprint: fingerprintOf(plan, 'R2'),
  };
  const layout = buildWorkbookLayout(plan, undefined, { round: stamp });
  const file = path.join(dir, 'typed.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbookBuffer(layout)) as unknown as ArrayBuffer);
  const sheet = layout.sheets.find((s) => s.kind === 'item')!;
  const { kpis, yearCols } = sheet.anchors!;
  wb.getWorksheet(sheet.name)!.getCell(kpis[0].rateRow, yearCols.R2).value = '100%';
  await wb.xlsx.writeFile(file);
  const report = path.join(dir, 'typed-report.xlsx');
  expect((await run('audit', file, '-o', report)).code).toBe(1);
  const rows = await sheetRows(report);
  const typed = rows.find((r) => r['シート / Sheet'] === sheet.name && r['指標 / KPI'] === kpis[0].no && r['年度 / Year'] === 'R2')!;
  expect(typed['ブックの表示 / Shown']).toBe('100%');
  expect(typed['一致 / Agrees']).toBe('×');
  expect(rows.filter((r) => r['一致 / Agrees'] === '×')).toHaveLength(1);
  expect(rows.every((r) => r['配布 / Round'] === `R2-20261202T000000Z／総務課／${stamp.fingerprint.slice(0, 12)}`)).toBe(true);
}, 120_000);
