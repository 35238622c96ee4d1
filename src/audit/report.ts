// The audit's three outputs: a readable table (one line per finding), the stable JSON, and an .xlsx
// report (one row per finding; every text written as text, never as a formula).
//
// JSON (`hyoka audit --json`), version 1 — fields are added, never renamed:
// {
//   "version": 1,
//   "summary": { "files": 3, "findings": 2, "unreadable": 1 },
//   "files": [{
//     "file": "dept/a.xlsx",
//     "status": "clean" | "findings" | "unreadable",
//     "items": [{
//       "id": "1-1-1", "sheet": "(1)電子申請…",
//       "kpis": [{ "no": 1, "name": "…",
//         "years": { "R2": { "status": "evaluated", "target": 14.1, "actual": 8.3, "rate": 58.86…,
//                           "display": "59%", "achieved": false, "cell": "G13", "found": "59%", "problems": [],
//                           "targetCell": "G12", "actualCell": "G14" } },
//         "progress": { … } }],            // Yamagata only: 進捗率 against the final target (types.ts ProgressAudit)
//       "counts": { "R2": { "achieved": 1, "evaluated": 3, "display": "1 / 3", "cell": "G50", "found": "1 / 3", "problems": [] } },
//       "problems": []                       // the sheet as a whole: kpi-missing, structure-changed
//     }],
//     "problems": [ Finding … ],             // every finding of the file (the same ones listed under their cells)
//     "source": { "sha256": "…", "round"?: { "roundId", "recipient", "fingerprint" } }   // a file that was read
//   }]
// }
// Finding: { "kind", "file", "sheet", "cell", "expected", "found", "ja", "en", "item"?, "kpi"?, "year"?,
//            "formula"? (the formula the cell should hold), "reason"? (why a file is unreadable) }
// rate, display, achieved, target are the recalculation; found is what the workbook shows (the cached
// result of the cell's formula, i.e. what Excel displays); a year with nothing to show has display null.
import ExcelJS from 'exceljs';
import { addFilterDatabaseNames } from '../xlsx/filter-names';
import type { AuditReport, FileAudit, Finding, Plain } from './types';
import { summaryOf } from './types';
import { recalculationRows, type RecalculationRow } from './recalculation';

export function auditJson(files: FileAudit[]): AuditReport {
  return { version: 1, summary: summaryOf(files), files };
}

/** East Asian wide characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2460-\u24ff\u25a0-\u25ff]/.test(ch) ? 2 : 1;
  return w;
}

function cut(s: string, n: number): string {
  if (width(s) <= n) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > n - 1) return out + '…';
    out += ch;
  }
  return out;
}

function show(v: Plain): string {
  if (v === null || v === '') return '（空欄）';
  return typeof v === 'string' ? `「${cut(v.replace(/\s+/g, ' '), 60)}」` : String(v);
}

export function findingLine(f: Finding): string {
  const where = f.sheet ? `${f.sheet}${f.cell ? `!${f.cell}` : ''}` : '-';
  const values = f.kind === 'unreadable' || f.kind === 'structure-changed' ? '' : `  期待/expected ${show(f.expected)}  実際/found ${show(f.found)}`;
  return `${f.file}  ${where}  ${f.kind}${values}  ${f.ja} / ${f.en}`;
}

export function summaryLine(files: FileAudit[]): string {
  const s = summaryOf(files);
  return `監査 ${s.files} ファイル: 指摘 ${s.findings} 件、読めないファイル ${s.unreadable} / audited ${s.files} file(s): ${s.findings} finding(s), ${s.unreadable} unreadable`;
}

/** The readable table: one line per finding ('' when there is none). */
export function renderFindings(files: FileAudit[]): string {
  const lines: string[] = [];
  for (const f of files) for (const p of f.problems) lines.push(findingLine(p));
  return lines.length ? lines.join('\n') + '\n' : '';
}

const EXCEL_CELL_LIMIT = 32767;

/**
 * A value for a report cell: numbers and booleans as they are, everything else as a string that
 * stays a string (exceljs writes a string as a shared string, never as a formula, whatever its first
 * character; the text number format keeps Excel from re-reading it when someone edits the cell).
 */
function cellValue(v: Plain | undefined): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return v.length > EXCEL_CELL_LIMIT ? v.slice(0, EXCEL_CELL_LIMIT - 1) + '…' : v;
}

/** A column of a report table: its header, its width, and what it shows of a row. */
interface Column<T> {
  header: string;
  width: number;
  get: (row: T) => Plain | undefined;
}

const COLUMNS: Column<Finding>[] = [
  { header: 'ファイル / File', width: 36, get: (f) => f.file },
  { header: 'シート / Sheet', width: 28, get: (f) => f.sheet },
  { header: 'セル / Cell', width: 8, get: (f) => f.cell },
  { header: '種類 / Kind', width: 22, get: (f) => f.kind },
  { header: '期待値 / Expected', width: 18, get: (f) => f.expected },
  { header: '実際 / Found', width: 18, get: (f) => f.found },
  { header: '説明', width: 60, get: (f) => f.ja },
  { header: 'Why', width: 60, get: (f) => f.en },
  { header: '実施項目 / Item', width: 10, get: (f) => f.item },
  { header: '指標 / KPI', width: 8, get: (f) => f.kpi },
  { header: '年度 / Year', width: 8, get: (f) => f.year },
  { header: '正しい式 / Formula', width: 40, get: (f) => f.formula },
];

const RECALCULATION_COLUMNS: Column<RecalculationRow>[] = [
  { header: 'ファイル / File', width: 30, get: (r) => r.file },
  { header: 'SHA-256', width: 18, get: (r) => r.fileSha256 },
  { header: '配布 / Round', width: 24, get: (r) => r.round },
  { header: 'シート / Sheet', width: 24, get: (r) => r.sheet },
  { header: '実施項目 / Item', width: 10, get: (r) => r.item },
  { header: '指標 / KPI', width: 6, get: (r) => r.kpi },
  { header: '指標名 / Name', width: 30, get: (r) => r.name },
  { header: '年度 / Year', width: 6, get: (r) => r.year },
  { header: '状態 / Status', width: 12, get: (r) => r.status },
  { header: '目標 / Target', width: 12, get: (r) => r.target },
  { header: '目標セル', width: 8, get: (r) => r.targetCell },
  { header: '実績 / Actual', width: 12, get: (r) => r.actual },
  { header: '実績セル', width: 8, get: (r) => r.actualCell },
  { header: '達成率 / Rate', width: 14, get: (r) => r.rate },
  { header: '表示（再計算） / Display', width: 12, get: (r) => r.display },
  { header: '達成 / Achieved', width: 8, get: (r) => (r.achieved === null ? null : r.achieved ? '○' : '×') },
  { header: '達成率セル', width: 8, get: (r) => r.rateCell },
  { header: 'ブックの表示 / Shown', width: 12, get: (r) => r.found },
  { header: '一致 / Agrees', width: 8, get: (r) => (r.agrees === null ? null : r.agrees ? '○' : '×') },
  { header: '出典 / Source', width: 40, get: (r) => r.source },
];

/**
 * A table sheet: a bold, frozen header row, then one row per item. Every cell is text-formatted except
 * numbers and booleans (a typed text stays text when someone edits the report); a filter once there are rows.
 */
function tableSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: Iterable<T>): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@', alignment: { vertical: 'top', wrapText: c.width >= 40 } } }));
  ws.getRow(1).font = { bold: true };
  for (const item of rows) {
    const row = ws.addRow(columns.map((c) => cellValue(c.get(item))));
    // A number stays a number; the text format is for the text cells only.
    row.eachCell((cell) => {
      if (typeof cell.value !== 'string') cell.numFmt = 'General';
    });
  }
  if (ws.rowCount > 1) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: ws.rowCount, column: columns.length } };
}

/** The report's creator: a report in an input folder is recognised by it (consolidate/inputs.ts). */
export const AUDIT_REPORT_CREATOR = 'hyoka audit';

/**
 * The .xlsx report: 指摘 (one row per finding), ファイル (one row per file) and 再計算 (one row per
 * KPI-year, recalculation.ts: the engine's figures beside the cells they came from; headers only when no
 * workbook has a KPI).
 */
export async function auditWorkbookReport(files: FileAudit[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = AUDIT_REPORT_CREATOR;
  wb.created = new Date();
  tableSheet(wb, '指摘 Findings', COLUMNS, files.flatMap((f) => f.problems));

  const fs = wb.addWorksheet('ファイル Files', { views: [{ state: 'frozen', ySplit: 1 }] });
  fs.columns = [
    { header: 'ファイル / File', width: 48, style: { numFmt: '@' } },
    { header: '結果 / Status', width: 14, style: { numFmt: '@' } },
    { header: '指摘 / Findings', width: 14 },
    { header: '説明 / Why', width: 80, style: { numFmt: '@' } },
  ];
  fs.getRow(1).font = { bold: true };
  for (const f of files) {
    const status = f.status === 'clean' ? '問題なし / clean' : f.status === 'findings' ? '指摘あり / findings' : '読めない / unreadable';
    const why = f.status === 'unreadable' ? `${f.problems[0]?.ja ?? ''} / ${f.problems[0]?.en ?? ''}` : '';
    fs.addRow([cellValue(f.file), status, f.status === 'unreadable' ? null : f.problems.length, cellValue(why)]);
  }
  const s = summaryOf(files);
  fs.addRow([]);
  fs.addRow([`計 / total: ${s.files}`, `読めない / unreadable: ${s.unreadable}`, s.findings, null]);
  tableSheet(wb, '再計算 Recalculation', RECALCULATION_COLUMNS, recalculationRows(files));
  addFilterDatabaseNames(wb); // as the summary's: LibreOffice keeps only a named filter
  return Buffer.from(await wb.xlsx.writeBuffer());
}
