// Renders the summary layout with the project's exceljs writer (same fonts, named styles, A3
// landscape print setup), then adds what a SheetLayout does not describe: the colours of achieved /
// missed / missing cells, data bars on the rollup rates, auto-filters, and the workbook's marker.
import type ExcelJS from 'exceljs';
import { SheetBuilder } from '../layout/grid';
import { LOOKS } from '../layout/styles';
import type { SheetLayout, WorkbookLayout } from '../layout/types';
import { a1 } from '../layout/a1';
import { renderWorkbook } from '../xlsx/write';
import { SUMMARY_KEYWORD } from './source';
import type { Look, SummaryLayout, SummarySheet } from './summary-layout';

const TITLE_ROW = 1;
const SUBTITLE_ROW = 2;
const HEADER_ROW = 3;
const BAR_COLOR = 'FF9BC2E6'; // light blue: the figure stays readable over a solid bar

/** Deflate level 3, as the evaluation workbooks (src/xlsx/write.ts). */
const ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 3 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

export const firstDataRow = (sheet: SummarySheet) => HEADER_ROW + sheet.header.length;

function toSheetLayout(sheet: SummarySheet, planTitle: string): SheetLayout {
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
  b.layout.print = { paper: 'A3', landscape: true, fitToWidth: 1, fitToHeight: 0, printTitleRows: [HEADER_ROW, first - 1], header: planTitle, footer: `${sheet.name}　&P / &N` };
  b.layout.tabColor = sheet.tabColor;
  return b.layout;
}

export async function renderSummary(layout: SummaryLayout): Promise<ExcelJS.Workbook> {
  const book: WorkbookLayout = { title: layout.title, sheets: layout.sheets.map((s) => toSheetLayout(s, layout.title)) };
  const wb = await renderWorkbook(book);
  wb.subject = '行財政改革 実施計画 集計表 / consolidation of department workbooks';
  wb.keywords = SUMMARY_KEYWORD;
  layout.sheets.forEach((sheet) => decorate(wb.getWorksheet(sheet.name)!, sheet));
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
