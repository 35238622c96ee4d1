// Two ways a consolidation used to mislead without a word (issue 9):
//   * 「1,266件」 typed as a ％ actual was shown like an actual not yet entered, exit 0;
//   * a workbook of another plan was taken (its items merged, or called duplicates) with only a note.
// Now the input is listed at its cell and shown as 入力不備, and another plan's file is skipped with why
// (--plan chooses the plan); both are findings (exit 1).
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { consolidate, SHEETS } from '../../src/consolidate';
import type { Plan } from '../../src/model/plan';
import { bundledPlan } from '../support/plans';
import * as hostile from '../support/hostile';

jest.setTimeout(120_000);

let dir: string;
let plan: Plan;
let typed: string; // the department file with 「1,266件」 in a ％ actual
let typedCell: { sheet: string; address: string };
let good: string;
let other: string; // a workbook of another plan (another id), same items

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-plans-inputs-'));
  plan = await bundledPlan();
  good = await hostile.writeDepartment(plan, 1, path.join(dir, 'b-good.xlsx'));
  const first = await hostile.writeDepartment(plan, 0, path.join(dir, 'a-typed.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(first);
  const ws = wb.worksheets.find((w) => w.state === 'visible' && w.name.startsWith('('))!;
  // The first 実績 row of the KPI table: its first year column holds a ％ actual.
  let cell: ExcelJS.Cell | null = null;
  ws.eachRow((row, r) => row.eachCell((c, col) => {
    if (!cell && String(c.value).trim() === '実績') cell = ws.getCell(r, col + 3);
  }));
  const actual = cell as unknown as ExcelJS.Cell;
  expect(typeof actual.value).toBe('number'); // the test edits a real actual
  actual.value = '1,266件';
  typedCell = { sheet: ws.name, address: actual.address };
  await wb.xlsx.writeFile(first);
  typed = first;
  other = await hostile.writeDepartment({ ...plan, plan: { ...plan.plan, id: 'another-plan-2020' } }, 1, path.join(dir, 'c-other.xlsx'));
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('an input the engine cannot evaluate is listed at its cell, counted, and shown as 入力不備', async () => {
  const c = await consolidate([typed, good]);
  const report = c.files.find((f) => f.file === typed)!;
  expect(report.inputProblems).toHaveLength(1);
  const [p] = report.inputProblems;
  expect(p).toMatchObject({ sheet: typedCell.sheet, cell: typedCell.address, kpiNo: 1 });
  expect(p.ja).toContain('1,266件');
  expect(p.en).toContain('1266');
  expect(c.totals.inputProblems).toBe(1);
  const kpi = c.items.find((i) => i.id === p.itemId)!.kpis.find((k) => k.no === p.kpiNo)!;
  expect(kpi.years[p.year].status).toBe('invalid');

  const out = path.join(dir, 'summary.xlsx');
  const run = await cli('consolidate', typed, good, '-o', out);
  expect(run.code).toBe(1);
  expect(run.err).toContain(`'${typedCell.sheet}'!${typedCell.address}`);
  expect(run.out).toContain('入力不備 1 件');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const texts = (name: string) => {
    const found: string[] = [];
    wb.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => void found.push(String(cell.value))));
    return found;
  };
  expect(texts(SHEETS.items)).toContain('入力不備');
  expect(texts(SHEETS.files).some((t) => t.includes(`'${typedCell.sheet}'!${typedCell.address}`) && t.includes('1,266件'))).toBe(true);
});

test('a workbook of another plan is skipped with why, never taken or called a duplicate; --plan chooses', async () => {
  const c = await consolidate([good, other]);
  const skipped = c.files.find((f) => f.file === other)!;
  expect(skipped).toMatchObject({ status: 'skipped', planId: 'another-plan-2020', items: [], duplicates: [] });
  expect(skipped.problem!.ja).toContain('--plan another-plan-2020');
  expect(skipped.problem!.en).toContain(plan.plan.id);
  expect(c.totals.duplicates).toBe(0);
  expect(c.plan!.id).toBe(plan.plan.id);

  const chosen = await consolidate([good, other], { planId: 'another-plan-2020' });
  expect(chosen.plan!.id).toBe('another-plan-2020');
  expect(chosen.files.find((f) => f.file === good)!.status).toBe('skipped');
  expect(chosen.files.find((f) => f.file === other)!.items.length).toBeGreaterThan(0);

  const run = await cli('consolidate', good, other, '--json');
  expect(run.code).toBe(1);
  expect(run.err).toContain('別の計画（another-plan-2020）');
  const honest = await cli('consolidate', good, '--json');
  expect(honest.code).toBe(0);
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}
