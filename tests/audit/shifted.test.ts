// Rows and columns inserted as Excel inserts them (cells, merges and every formula reference below or
// right of the insertion move), then recalculated by LibreOffice: the audit finds every cell by its
// labels, moves the formulas it expects accordingly, and reports nothing. The reference moving here is
// the test's own, independent of the audit's.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { SheetLayout, WorkbookLayout } from '../../src/layout/types';
import { columnLetter, columnNumber } from '../../src/layout/a1';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { auditWorkbook } from '../../src/audit/file';
import { bundledPlan } from '../support/plans';
import { insertColumns, insertRows } from '../support/shift';

/** Moves the references of a formula as Excel does when rows (or columns) are inserted at `at`. */
function moveRefs(formula: string, axis: 'row' | 'col', at: number, count: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g, (_m, d1: string, letters: string, d2: string, digits: string) => {
            let row = Number(digits);
            let col = columnNumber(letters);
            if (axis === 'row' && row >= at) row += count;
            if (axis === 'col' && col >= at) col += count;
            return `${d1}${columnLetter(col)}${d2}${row}`;
          }),
    )
    .join('');
}

function shiftSheet(sheet: SheetLayout, axis: 'row' | 'col', at: number, count: number): SheetLayout {
  const moved = axis === 'row' ? insertRows(sheet, at, count) : insertColumns(sheet, at, count);
  return { ...moved, cells: moved.cells.map((c) => (c.formula ? { ...c, formula: moveRefs(c.formula, axis, at, count) } : c)), anchors: sheet.anchors };
}

test('rows inserted inside a KPI block and above, a column inserted inside a year: audits clean after LibreOffice', async () => {
  const plan = await bundledPlan();
  const layout = buildWorkbookLayout(plan);
  const items = layout.sheets.filter((s) => s.kind === 'item');
  const first = items[0];
  const third = items[2];
  const k2 = first.anchors!.kpis[1];
  const shifted: WorkbookLayout = {
    ...layout,
    sheets: layout.sheets.map((s) => {
      if (s === first) return shiftSheet(shiftSheet(s, 'row', k2.rateRow, 2), 'col', s.anchors!.yearCols.R2 + 1, 1);
      if (s === third) return shiftSheet(s, 'row', 9, 3); // above the KPI table
      return s;
    }),
  };
  // The overview's references into the shifted sheets are left as they were: 一覧 is not audited.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-audit-shifted-'));
  const file = path.join(dir, 'shifted.xlsx');
  await fs.writeFile(file, await writeWorkbookBuffer(shifted));
  const recalculated = await recalculate(file, path.join(dir, 'lo'));
  const a = await auditWorkbook(recalculated);
  await fs.rm(dir, { recursive: true, force: true });
  expect(a.problems.map((p) => `${p.kind} ${p.sheet}!${p.cell} ${p.en}`)).toEqual([]);
  // The shifted cells are where the audit says they are.
  const kpi2 = a.items[0].kpis[1].years.R3;
  expect(kpi2.cell).toBe(`${columnLetter(first.anchors!.yearCols.R3 + 1)}${k2.rateRow + 2}`);
  expect(kpi2.found).toBe(kpi2.display);
  expect(a.items[2].counts.R2.cell).toBe(`${columnLetter(third.anchors!.yearCols.R2)}${third.anchors!.countRow + 3}`);
});
