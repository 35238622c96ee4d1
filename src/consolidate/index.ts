// The reform office's consolidation: department workbooks in, one summary workbook (and JSON) out.
export { consolidate, type ConsolidateOptions } from './consolidate';
export { expandInputs } from './inputs';
export { readDepartmentWorkbook, readDepartmentBytes, describeReadError, SUMMARY_KEYWORD, type DepartmentWorkbook } from './source';
export { buildSummaryLayout, summaryLine, SHEETS, STATUS_LABEL, type SummaryLayout, type SummarySheet } from './summary-layout';
export { summarySheetLayout, summaryWorkbookLayout, firstDataRow } from './summary-sheets';
export { renderSummary, writeSummaryBuffer } from './summary-write';
export type * from './types';
