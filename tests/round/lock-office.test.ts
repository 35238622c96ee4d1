/// <reference types="office-js" />
// Lock by year through the Office.js writer (the task pane's 新規作成), on the mock Excel: every visible
// sheet protected with the office's password, and each cell's lock bit and 入力欄 shade as the exceljs
// file has them — set per range (one operation per style and protection), never per cell.
import type ExcelJS from 'exceljs';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { renderWorkbook } from '../../src/xlsx/write';
import { writeWorkbook } from '../../src/office/write-sheet';
import { INPUT_FILL } from '../../src/layout/protection';
import { createMockExcel } from '../office/excel-mock';
import { isLocked, roundYear, seedPlan } from './support-lock';

const css = (argb: string) => `#${argb.slice(2)}`;

test.each(['gunma-2020', 'gunma-dx-2021'])('%s: a locked layout written through Office.js locks and shades as the file does', async (seed) => {
  const plan = await seedPlan(seed);
  const layout = buildWorkbookLayout(plan, undefined, { lock: { year: roundYear(plan), password: 'office-pw' } });
  const excel = await renderWorkbook(layout);
  const { context, book } = createMockExcel(['Sheet1']);
  await writeWorkbook(context, layout);
  const problems: string[] = [];
  let open = 0;
  for (const sheet of layout.sheets) {
    const mock = book.sheets.find((s) => s.name === sheet.name)!;
    const ws = excel.getWorksheet(sheet.name)!;
    if (!mock.protection.protected || mock.protection.password !== 'office-pw') problems.push(`${sheet.name}: protection`);
    for (const c of sheet.cells) {
      const cell = mock.cell(c.row, c.col);
      const expected = isLocked(ws, c.row, c.col);
      if (cell.locked !== expected) problems.push(`${sheet.name}!${c.row},${c.col} locked ${cell.locked}`);
      const fill = (ws.getCell(c.row, c.col).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      if ((fill === INPUT_FILL) !== (cell.fill === css(INPUT_FILL))) problems.push(`${sheet.name}!${c.row},${c.col} shade`);
      if (!expected) open += 1;
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
  expect(open).toBeGreaterThan(0);
});
