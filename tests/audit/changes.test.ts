// The audit on a one-item workbook, after a clerk's typing that Excel follows with a recalculation
// (simulated by a LibreOffice save): a target changed since generation, a ％ figure typed with 「%」, a
// formula in an actual and an error value as a target are each a finding at their cell — never clean.
// The task pane's チェック says the same words about the same cells.
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { auditWorkbook } from '../../src/audit/file';
import type { FileAudit, Finding } from '../../src/audit/types';
import { recalculate } from '../../src/xlsx/libreoffice';
import { loadWorkbook, worksheetGrid } from '../../src/xlsx/read';
import { gridsToPlan } from '../../src/read/all-readers';
import type { ReadIssue } from '../../src/read/issues';
import type { Locations } from '../../src/read/plan-reader';
import { checkItems, itemIdOfGrid, metadataFromGrid } from '../../src/taskpane/check';
import { META_SHEET } from '../../src/layout/workbook';
import type { Grid } from '../../src/read/grid';
import { makeSmall, removeSmall, writeEdited, type Small } from '../read/support';

let s: Small;
beforeAll(async () => {
  s = await makeSmall();
});
afterAll(() => removeSmall(s));

/** The edited workbook as Excel would save it after the clerk typed: recalculated by LibreOffice. */
async function typed(name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const file = await writeEdited(s, name, { edit });
  const outDir = path.join(s.dir, `lo-${path.basename(name, '.xlsx')}`);
  await fs.mkdir(outDir, { recursive: true });
  return recalculate(file, outDir);
}

/** The findings of one kind: where, what should be there, what is. */
function at(a: FileAudit, kind: Finding['kind']) {
  const of = a.problems.filter((p) => p.kind === kind);
  return of.map(({ sheet, cell, expected, found }) => ({ sheet, cell, expected, found }));
}

test('the control: the untouched workbook, saved by LibreOffice, audits clean', async () => {
  const a = await auditWorkbook(await typed('control.xlsx', () => undefined));
  expect(a.problems).toEqual([]);
});

test('a target lowered in the workbook (③ R4 100 → 60: a miss turns 108% 達成, 3/3) is a finding', async () => {
  const cell = s.target(3, 'R4');
  const a = await auditWorkbook(await typed('lowered.xlsx', (ws) => (ws.getCell(cell).value = 60)));
  expect(a.status).toBe('findings');
  expect(at(a, 'target-changed')).toEqual([{ sheet: s.sheet.name, cell, expected: 100, found: 60 }]);
  const f = a.problems.find((p) => p.kind === 'target-changed')!;
  expect(f.ja).toContain('100');
  expect(f.en).toContain('100');
  expect(a.items[0].kpis[2].years.R4.problems.map((p) => p.kind)).toContain('target-changed');
});

test('「84.1%」 typed into a ％ actual (0.841 under a percent format) is a finding at its cell', async () => {
  const cell = s.actual(1, 'R4');
  const a = await auditWorkbook(
    await typed('percent.xlsx', (ws) => {
      ws.getCell(cell).value = 0.841;
      ws.getCell(cell).style = { ...ws.getCell(cell).style, numFmt: '0.0%' }; // this cell only (exceljs shares styles)
    }),
  );
  expect(at(a, 'percent-format')).toEqual([{ sheet: s.sheet.name, cell, expected: 84.1, found: 0.841 }]);
});

test('a formula typed into an actual (=its target, so 100%) is a finding at its cell', async () => {
  const cell = s.actual(3, 'R4');
  const formula = s.target(3, 'R4');
  const file = await typed('formula.xlsx', (ws) => (ws.getCell(cell).value = { formula, result: 100 }));
  const a = await auditWorkbook(file);
  const said = { sheet: s.sheet.name, cell, expected: '値 / a value', found: `=${formula}` };
  expect(at(a, 'input-formula')).toEqual([said]);
});

test('=1/0 as a target is a finding at its cell (and not also a changed target)', async () => {
  const cell = s.target(1, 'R5');
  const file = await typed('div0.xlsx', (ws) => (ws.getCell(cell).value = { formula: '1/0', result: 0 }));
  const a = await auditWorkbook(file);
  expect(at(a, 'error-value')).toEqual([{ sheet: s.sheet.name, cell, expected: '値 / a value', found: '#DIV/0!' }]);
  expect(at(a, 'target-changed')).toEqual([]);
});

test('the task pane check reports the formula and the error value in the same words as the reader', async () => {
  const file = await writeEdited(s, 'pane.xlsx', {
    edit: (ws) => {
      ws.getCell(s.actual(3, 'R4')).value = { formula: s.target(3, 'R4'), result: 100 };
      const div0 = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell(s.target(1, 'R5')).value = div0;
    },
  });
  const grids: Grid[] = (await loadWorkbook(file)).worksheets.map(worksheetGrid);
  const issues: ReadIssue[] = [];
  const locations: Locations = {};
  const plan = gridsToPlan(grids, file, locations, issues);
  const sheets = new Map(grids.filter((g) => itemIdOfGrid(g)).map((g) => [itemIdOfGrid(g)!, g]));
  const problems = checkItems(plan, sheets, locations, metadataFromGrid(grids.find((g) => g.name === META_SHEET)));
  const inputs = problems.filter((p) => p.address === s.actual(3, 'R4') || p.address === s.target(1, 'R5'));
  expect(inputs.map((p) => [p.address, p.ja, p.en])).toEqual(
    expect.arrayContaining(issues.filter((i) => i.kind !== 'carried-as-note').map((i) => [i.cell, i.ja, i.en])),
  );
  expect(inputs).toHaveLength(2);
});
