// What Excel does to typing, read as the clerk sees it: 「12.3%」 typed into a ％ actual is stored as
// 0.123 under a percent format and read as 12.3 (said so); a formula typed into an input cell and an
// error value are reported at their cells (export refuses; a collecting reader lists them, with the
// same words everywhere), and an error value is never carried as a target.
import { promises as fs } from 'fs';
import * as path from 'path';
import { recalculate } from '../../src/xlsx/libreoffice';
import { readPlanFromWorkbook, WorkbookReadError } from '../../src/xlsx/read';
import { evaluatePlan } from '../../src/rules/evaluate';
import { makeSmall, readCollecting, removeSmall, writeEdited, type Small } from './support';

let s: Small;
beforeAll(async () => {
  s = await makeSmall();
});
afterAll(() => removeSmall(s));

const typePercent = (s: Small) => ({
  edit: (ws: import('exceljs').Worksheet) => {
    const cell = ws.getCell(s.actual(1, 'R5'));
    cell.value = 0.123;
    cell.style = { ...cell.style, numFmt: '0.0%' }; // this cell only (exceljs shares loaded styles)
  },
});

test('「12.3%」 in a ％ actual (0.123 under 0.0%) is read as 12.3, said in a note, by export and evaluate', async () => {
  const file = await writeEdited(s, 'percent.xlsx', typePercent(s));
  const plan = await readPlanFromWorkbook(file);
  expect(plan.items[0].kpis[0].actuals.R5).toBe(12.3);
  const r5 = evaluatePlan(plan).items[0].kpis[0].years.R5;
  expect(r5.rate).toBeCloseTo(12.3, 9); // target 100
  const { issues } = await readCollecting(file);
  const note = { kind: 'percent-format', severity: 'info', cell: s.actual(1, 'R5'), found: 0.123, read: 12.3 };
  expect(issues).toEqual([expect.objectContaining(note)]);
  expect(issues[0].ja).toContain('12.3');
  expect(issues[0].en).toContain('12.3');
});

test('the same after a LibreOffice save (the percent format survives, so does the reading)', async () => {
  const file = await writeEdited(s, 'percent-lo.xlsx', typePercent(s));
  const outDir = path.join(s.dir, 'lo');
  await fs.mkdir(outDir, { recursive: true });
  const saved = await recalculate(file, outDir);
  const plan = await readPlanFromWorkbook(saved);
  expect(plan.items[0].kpis[0].actuals.R5).toBe(12.3);
});

test('a number under a percent format in a 件 KPI is left as stored', async () => {
  const file = await writeEdited(s, 'percent-count.xlsx', {
    edit: (ws) => {
      const cell = ws.getCell(s.actual(2, 'R5'));
      cell.value = 0.5;
      cell.style = { ...cell.style, numFmt: '0%' };
    },
  });
  const { plan, issues } = await readCollecting(file);
  expect(plan.items[0].kpis[1].actuals.R5).toBe(0.5);
  expect(issues).toEqual([]);
});

test('a formula typed into an actual (=the target: 100%) is reported at its cell', async () => {
  const file = await writeEdited(s, 'formula-actual.xlsx', {
    edit: (ws) => (ws.getCell(s.actual(1, 'R5')).value = { formula: s.target(1, 'R5'), result: 100 }),
  });
  const e = await readPlanFromWorkbook(file).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WorkbookReadError);
  expect((e as WorkbookReadError).cell).toBe(s.actual(1, 'R5'));
  const { issues } = await readCollecting(file);
  const said = { kind: 'input-formula', severity: 'error', cell: s.actual(1, 'R5'), kpi: 1, year: 'R5' };
  expect(issues).toEqual([expect.objectContaining(said)]);
  expect(issues[0].ja).toContain(`=${s.target(1, 'R5')}`);
  expect((e as WorkbookReadError).ja).toBe(issues[0].ja);
});

test('=1/0 as a target (#DIV/0!) is reported, and read as no target (never the text "#DIV/0!")', async () => {
  const file = await writeEdited(s, 'div0-target.xlsx', {
    edit: (ws) => (ws.getCell(s.target(1, 'R5')).value = { formula: '1/0', result: { error: '#DIV/0!' } }),
  });
  const e = await readPlanFromWorkbook(file).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WorkbookReadError);
  expect((e as WorkbookReadError).en).toContain('#DIV/0!');
  const { plan, issues } = await readCollecting(file);
  expect(plan.items[0].kpis[0].targets.R5).toBeUndefined();
  expect(issues).toEqual([expect.objectContaining({ kind: 'error-value', cell: s.target(1, 'R5'), found: '#DIV/0!' })]);
});
