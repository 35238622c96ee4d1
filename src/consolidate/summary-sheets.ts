// The summary layout (summary-layout.ts) as the project's sheet layout (src/layout/types.ts): title,
// subtitle, header rows, data rows, widths, heights, freeze panes and A3 landscape print setup — what
// both hosts render, the exceljs writer (summary-write.ts) and the Office.js adapter (the task pane's
// 集計, src/office/write-summary.ts). What a SheetLayout does not describe — the colours of achieved /
// missed / missing cells, data bars, auto-filters — each host adds from the SummarySheet, at the cells
// named here (firstDataRow). No exceljs here: the task pane's engine chunk imports it.
import { SheetBuilder } from '../layout/grid';
import type { SheetLayout, WorkbookLayout } from '../layout/types';
import type { SummaryLayout, SummarySheet } from './summary-layout';

export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;
/** Data bars on the rollup rates: light blue, so the figure stays readable over a solid bar. */
export const BAR_COLOR = 'FF9BC2E6';

export const firstDataRow = (sheet: SummarySheet) => HEADER_ROW + sheet.header.length;

export function summarySheetLayout(sheet: SummarySheet, planTitle: string): SheetLayout {
  const b = new SheetBuilder(sheet.name, 'overview');
  b.layout.protect = false; // a report: the office sorts, filters and annotates it
  b.layout.columns = sheet.columns.map((width) => ({ width }));
  b.put(TITLE_ROW, 1, sheet.title, 'title');
  b.height(TITLE_ROW, 24);
  b.put(SUBTITLE_ROW, 1, sheet.subtitle, 'section');
  sheet.header.forEach((cells, i) => {
    const row = HEADER_ROW + i;
    for (const h of cells) b.put(row, h.col, h.label, 'header', h.rows || h.cols ? { rows: h.rows, cols: h.cols } : undefined);
    b.height(row, Math.max(...cells.map((h) => (h.label.includes('\n') ? 30 : 18))));
  });
  const first = firstDataRow(sheet);
  sheet.rows.forEach((cells, i) => {
    cells.forEach((cell, c) => b.put(first + i, c + 1, cell.value, cell.style, cell.numFmt ? { numFmt: cell.numFmt } : undefined));
    if (sheet.rowHeights[i]) b.height(first + i, sheet.rowHeights[i]);
  });
  b.layout.freeze = { row: first - 1, col: sheet.freezeCols };
  b.layout.print = { paper: 'A3', landscape: true, fitToWidth: 1, fitToHeight: 0, printTitleRows: [HEADER_ROW, first - 1], header: planTitle, footer: sheet.name };
  b.layout.tabColor = sheet.tabColor;
  return b.layout;
}

/** The four summary sheets as a workbook layout (title = the plan's). */
export function summaryWorkbookLayout(layout: SummaryLayout): WorkbookLayout {
  return { title: layout.title, sheets: layout.sheets.map((s) => summarySheetLayout(s, layout.title)) };
}
