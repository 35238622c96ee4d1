// A formula or an error value typed into a DX quarter or a Yamagata 実績 (input cells) is reported at its
// cell by the audit and by evaluate, as on the Gunma sheet — not read as if a clerk had typed the number.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { auditWorkbook } from '../../src/audit';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan, type Locations } from '../../src/xlsx/read';
import { parseA1, a1 } from '../../src/layout/a1';
import { loadPlanFile } from '../../src/cli/plan-file';
import { REPO } from '../support/plans';

let dir: string;
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('a formula and #DIV/0! in DX quarter cells are input-formula and error-value findings at their cells', async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-dx-inputs-'));
  const plan = await loadPlanFile(path.join(REPO, 'seeds', 'gunma-dx-2021.json'));
  const sub = { ...plan, items: [plan.items[0]] };
  const sent = path.join(dir, 'dx.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(sub), sent);
  const at: Locations = {};
  workbookToPlan(await loadWorkbook(sent), sent, at);
  const r4 = at[sub.items[0].id][1].R4; // its actual is the 4th quarter's cell
  const q4 = parseA1(r4.actual);
  const q3 = a1(q4.row, q4.col - 1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sent);
  const ws = wb.getWorksheet(r4.sheet)!;
  ws.getCell(r4.actual).value = { formula: r4.target, result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell(q3).value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  const file = path.join(dir, 'typed.xlsx');
  await wb.xlsx.writeFile(file);

  const audit = await auditWorkbook(file);
  const byCell = new Map(audit.problems.map((p) => [`${p.kind} ${p.cell}`, p]));
  expect(byCell.has(`input-formula ${r4.actual}`)).toBe(true);
  expect(byCell.has(`error-value ${q3}`)).toBe(true);
});

test('a formula and #DIV/0! in Yamagata 実績 / 基準値 cells are findings at their cells too', async () => {
  dir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-dx-inputs-'));
  const plan = await loadPlanFile(path.join(REPO, 'seeds', 'yamagata-2021.json'));
  const item = plan.items.find((i) => i.kpis.length > 0)!;
  const sub = { ...plan, items: [item] };
  const sent = path.join(dir, 'yamagata.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(sub), sent);
  const at: Locations = {};
  workbookToPlan(await loadWorkbook(sent), sent, at);
  const year = plan.plan.years[0];
  const where = at[item.id][item.kpis[0].no][year];
  const next = at[item.id][item.kpis[0].no][plan.plan.years[1]];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sent);
  const ws = wb.getWorksheet(where.sheet)!;
  ws.getCell(where.actual).value = { formula: where.target, result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell(next.actual).value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  const file = path.join(dir, 'yamagata-typed.xlsx');
  await wb.xlsx.writeFile(file);
  const audit = await auditWorkbook(file);
  const kinds = new Set(audit.problems.map((p) => `${p.kind} ${p.cell}`));
  expect(kinds.has(`input-formula ${where.actual}`)).toBe(true);
  expect(kinds.has(`error-value ${next.actual}`)).toBe(true);
});
