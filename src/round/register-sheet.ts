// The register (配布台帳) as a workbook the office can read, sort and print: one row per file sent —
// file, department code and name, item numbers and titles, the fingerprint's first 12 hex digits.
// Built as a summary sheet (the same title, header, freeze and print setup as 集計.xlsx) with a filter.
// The JSON beside it is the record collect reads; this table is for people.
import { renderWorkbook } from '../xlsx/write';
import { addFilterDatabaseNames } from '../xlsx/filter-names';
import { wrappedHeight } from '../layout/grid';
import { firstDataRow, summarySheetLayout } from '../consolidate/summary-sheets';
import type { SummaryCell, SummarySheet } from '../consolidate/summary-layout';
import { REGISTER_KIND, type Register } from './register';

export const REGISTER_SHEET = '配布台帳';
const COLUMNS = [28, 10, 24, 14, 60, 16];
const LABELS = ['ファイル', '所属コード', '所属', '実施項目', '実施項目名', '指紋（先頭12桁）'];

export function registerSheet(register: Register): SummarySheet {
  const text = (value: string, style: SummaryCell['style'] = 'value'): SummaryCell => ({ value, style });
  const rows = register.entries.map((e) => [
    text(e.file),
    text(e.department.code ?? '', 'valueCenter'),
    text(e.department.name),
    text(e.items.map((i) => i.no).join(', ')),
    text(e.items.map((i) => `(${i.no}) ${i.title}`).join('\n')),
    text(e.fingerprint.slice(0, 12), 'valueCenter'),
  ]);
  return {
    name: REGISTER_SHEET,
    title: `${register.planTitle} 配布台帳 / distribution register`,
    subtitle: `${register.year} 年度 ・ 配布 ${register.roundId} ・ ${register.issuedAt} ・ ${rows.length} ファイル / files`,
    columns: COLUMNS,
    header: [LABELS.map((label, i) => ({ col: i + 1, label }))],
    rows,
    rowHeights: Object.fromEntries(rows.map((r, i) => [i, wrappedHeight([String(r[4].value)], COLUMNS[4], 9, 15)])),
    dataBars: [],
    autoFilter: true,
    freezeCols: 1,
    tabColor: 'FF4472C4',
  };
}

/** The register workbook's bytes: the table, its header frozen and filtered (the filter survives LibreOffice). */
export async function registerWorkbookBuffer(register: Register): Promise<Buffer> {
  const sheet = registerSheet(register);
  const wb = await renderWorkbook({ title: sheet.title, sheets: [summarySheetLayout(sheet, register.planTitle)] });
  wb.subject = '行財政改革 実施計画 配布台帳 / distribution register of a yearly round';
  wb.keywords = REGISTER_KIND; // how a folder scan can tell the register from a department's workbook
  const first = firstDataRow(sheet);
  const last = Math.max(first - 1, first + sheet.rows.length - 1);
  wb.worksheets[0].autoFilter = { from: { row: first - 1, column: 1 }, to: { row: last, column: COLUMNS.length } };
  addFilterDatabaseNames(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
