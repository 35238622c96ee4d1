// Rows and columns inserted as Excel inserts them (cells, merges and every formula reference below or
// right of the insertion move), then recalculated by LibreOffice: the audit finds every cell by its
// labels, moves the formulas it expects accordingly, and reports nothing. The reference moving here is
// the test's own, independent of the audit's.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { columnLetter } from '../../src/layout/a1';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { auditWorkbook } from '../../src/audit/file';
import { bundledPlan } from '../support/plans';
import { shiftSheet } from '../support/shift';


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
