// Renders the summary layout with the project's exceljs writer (same fonts, named styles, A3
// landscape print setup: the sheet layouts of summary-sheets.ts), then adds what a SheetLayout does
// not describe: the colours of achieved / missed / missing cells, data bars on the rollup rates,
// auto-filters, and the workbook's marker.
import type ExcelJS from 'exceljs';
import { LOOKS } from '../layout/styles';
import { a1 } from '../layout/a1';
import { renderWorkbook } from '../xlsx/write';
import { addFilterDatabaseNames } from '../xlsx/filter-names';
import { SUMMARY_KEYWORD } from './source';
import type { Look, SummaryLayout, SummarySheet } from './summary-layout';
import { BAR_COLOR, firstDataRow, summaryWorkbookLayout } from './summary-sheets';

export { firstDataRow } from './summary-sheets';

/** Deflate level 3, as the evaluation workbooks (src/xlsx/write.ts). */
const ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 3 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

export async function renderSummary(layout: SummaryLayout): Promise<ExcelJS.Workbook> {
  const wb = await renderWorkbook(summaryWorkbookLayout(layout));
  wb.subject = '行財政改革 実施計画 集計表 / consolidation of department workbooks';
  wb.keywords = SUMMARY_KEYWORD;
  layout.sheets.forEach((sheet) => decorate(wb.getWorksheet(sheet.name)!, sheet));
  addFilterDatabaseNames(wb);
  return wb;
}


function decorate(ws: ExcelJS.Worksheet, sheet: SummarySheet): void {
  const first = firstDataRow(sheet);
  const last = first + sheet.rows.length - 1;
  // Looks: one style object per (style, look), as the writer does for named styles.
  const looked = new Map<Partial<ExcelJS.Style>, Map<Look, Partial<ExcelJS.Style>>>();
  sheet.rows.forEach((cells, i) =>
    cells.forEach((cell, c) => {
      if (!cell.look) return;
      const target = ws.getCell(first + i, c + 1);
      const base = target.style;
      let byLook = looked.get(base);
      if (!byLook) looked.set(base, (byLook = new Map()));
      let style = byLook.get(cell.look);
      if (!style) {
        const look = LOOKS[cell.look];
        style = { ...base, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: look.fill } }, font: { ...base.font, color: { argb: look.font } } };
        byLook.set(cell.look, style);
      }
      target.style = style;
    }),
  );
  // Data bars, 0–100 %. Solid bars (gradient: false) make exceljs write the Excel 2010 form with its
  // x14 extension and a matching id; its gradient form writes an empty x14:id that Excel repairs
  // (exceljs #3015). No number format in a conditional format (exceljs #1814).
  if (sheet.rows.length) {
    sheet.dataBars.forEach((col, i) => {
      const rule = {
        type: 'dataBar',
        priority: i + 1,
        gradient: false,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 100 },
        ],
        color: { argb: BAR_COLOR },
      } as ExcelJS.DataBarRuleType;
      ws.addConditionalFormatting({ ref: `${a1(first, col)}:${a1(last, col)}`, rules: [rule] });
    });
  }
  if (sheet.autoFilter) ws.autoFilter = { from: { row: first - 1, column: 1 }, to: { row: Math.max(first - 1, last), column: sheet.columns.length } };
}

export async function writeSummaryBuffer(layout: SummaryLayout): Promise<Buffer> {
  const wb = await renderSummary(layout);
  return Buffer.from(await wb.xlsx.writeBuffer(ZIP));
}
