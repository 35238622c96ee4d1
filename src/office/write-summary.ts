/// <reference types="office-js" />
// The consolidation summary (実施項目別, 集計, 未達成, 読込結果: src/consolidate/summary-layout.ts) into
// the open workbook, as the exceljs writer puts it in a file (src/consolidate/summary-write.ts): the
// same sheet layouts (src/consolidate/summary-sheets.ts) through writeSheetsInto, then what a sheet
// layout does not say, queued in the same batches (no extra sync): the green / red / yellow of
// achieved, missed and missing cells, data bars (0–100 %) on the rollup rates, auto-filters.
// Sheets of the same names are replaced in place; text from department files goes through
// range.formulas with an apostrophe where Excel would read it as anything but text (formulaInput), so
// 「=HYPERLINK(…)」, 「+1+1」 or 「@x」 stays text.
import { a1 } from '../layout/a1';
import { LOOKS } from '../layout/styles';
import type { Look, SummaryLayout, SummarySheet } from '../consolidate/summary-layout';
import { BAR_COLOR, firstDataRow, summaryWorkbookLayout } from '../consolidate/summary-sheets';
import { addressChunks, cssColor, rectAddress, rectangles, sheetExtra, writeSheetsInto, type SheetExtra, type WriteProgress, type WriteReport } from './write-sheet';

/**
 * Writes the summary's four sheets (replacing sheets of the same names, which keep their places; new
 * ones go last) and activates the first. Syncs: 1 for the sheet names, then one per batch (1 for a
 * summary of the 30-item plan).
 */
export async function writeSummary(context: Excel.RequestContext, layout: SummaryLayout, onProgress?: (progress: WriteProgress) => void): Promise<WriteReport> {
  const book = summaryWorkbookLayout(layout);
  return writeSheetsInto(context, book.sheets, onProgress, { existing: 'replace', extras: layout.sheets.flatMap(summaryExtras) });
}

/** What the summary adds to a written sheet: looks, data bars, the auto-filter. */
export function summaryExtras(sheet: SummarySheet): SheetExtra[] {
  const first = firstDataRow(sheet);
  const last = first + sheet.rows.length - 1;
  const out: SheetExtra[] = [];
  const byLook = new Map<Look, { row: number; col: number }[]>();
  sheet.rows.forEach((cells, i) =>
    cells.forEach((cell, c) => {
      if (!cell.look) return;
      let list = byLook.get(cell.look);
      if (!list) byLook.set(cell.look, (list = []));
      list.push({ row: first + i, col: c + 1 });
    }),
  );
  for (const [look, cells] of byLook) {
    const fill = cssColor(LOOKS[look].fill);
    const font = cssColor(LOOKS[look].font);
    for (const address of addressChunks(rectangles(cells).map(rectAddress)))
      out.push(
        sheetExtra(sheet.name, 4, [address, fill, font], (ws) => {
          const format = ws.getRanges(address).format;
          format.fill.color = fill;
          format.font.color = font;
        }),
      );
  }
  if (sheet.rows.length) {
    for (const col of sheet.dataBars) {
      const ref = `${a1(first, col)}:${a1(last, col)}`;
      out.push(
        sheetExtra(sheet.name, 8, ref, (ws) => {
          const cf = ws.getRange(ref).conditionalFormats.add('DataBar' as Excel.ConditionalFormatType);
          cf.dataBar.lowerBoundRule = { type: 'Number', formula: '0' };
          cf.dataBar.upperBoundRule = { type: 'Number', formula: '100' };
          cf.dataBar.positiveFormat.fillColor = cssColor(BAR_COLOR);
          cf.dataBar.positiveFormat.gradientFill = false;
        }),
      );
    }
  }
  if (sheet.autoFilter) {
    const ref = `${a1(first - 1, 1)}:${a1(Math.max(first - 1, last), sheet.columns.length)}`;
    out.push(sheetExtra(sheet.name, 2, ref, (ws) => ws.autoFilter.apply(ref)));
  }
  return out;
}
