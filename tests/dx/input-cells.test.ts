// A formula or an error value typed into a DX quarter (an input cell) is reported at its cell by the audit
// and by evaluate, as on the Gunma sheet — not read as if a clerk had typed the number it shows.
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
