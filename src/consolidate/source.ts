// Reading one department workbook for the consolidation: the plan it holds, the sheet of each item
// and the cell of each KPI-year. Files and a picked file's bytes (the task pane's readDepartmentBytes)
// both go through the bounded loader (src/xlsx/safe-load.ts), then the same reader.
import type ExcelJS from 'exceljs';
import type { Plan } from '../model/plan';
import { workbookToPlan, WorkbookReadError, type Locations } from '../xlsx/read';
import { rowTexts } from '../xlsx/cells';
import { openWorkbook, openWorkbookBytes, type LoadLimits } from '../xlsx/safe-load';
import type { Message } from './types';
import { errnoMessage } from '../io/errno';
import { REGISTER_KIND } from '../round/register';

/** Written into a summary workbook's properties, so a later run over the same folder skips it. */
export const SUMMARY_KEYWORD = 'hyoka:consolidation';

/** A summary made by hyoka consolidate, however it was saved since (LibreOffice turns the ':' into a space). */
export function isSummaryWorkbook(wb: Pick<ExcelJS.Workbook, 'keywords'>): boolean {
  return /\bhyoka[:\s,;]+consolidation\b/i.test(wb.keywords ?? '');
}

export interface DepartmentWorkbook {
  plan: Plan;
  /** Item id → the name of the sheet that holds it. */
  sheets: Record<string, string>;
  locations: Locations;
}

/** A file that is not an input at all (a summary made by this command): reported, not an error. */
export class SkippedFile extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(`${ja} / ${en}`);
  }
}

export async function readDepartmentWorkbook(file: string, limits?: Partial<LoadLimits>): Promise<DepartmentWorkbook> {
  return departmentWorkbook(await openWorkbook(file, limits), file);
}

/** A department workbook from its bytes (a file picked in the task pane), opened with the bounded loader. */
export async function readDepartmentBytes(file: string, data: ArrayBuffer | Uint8Array, limits?: Partial<LoadLimits>): Promise<DepartmentWorkbook> {
  return departmentWorkbook(await openWorkbookBytes(file, data, limits), file);
}

/** A workbook already opened (collect reads its stamp first): its plan, item sheets and cell locations. */
export function departmentWorkbook(wb: ExcelJS.Workbook, file: string): DepartmentWorkbook {
  const locations: Locations = {};
  let plan: Plan;
  try {
    plan = workbookToPlan(wb, file, locations);
  } catch (e) {
    if (e instanceof WorkbookReadError && isSummaryWorkbook(wb)) {
      throw new SkippedFile('hyoka consolidate が作成した集計表です（入力ではありません）', 'a summary made by hyoka consolidate, not an input');
    }
    if (e instanceof WorkbookReadError && (wb.keywords ?? '').includes(REGISTER_KIND)) {
      throw new SkippedFile('hyoka distribute が作成した配布台帳です（入力ではありません）', 'a register made by hyoka distribute, not an input');
    }
    throw e;
  }
  const sheets: Record<string, string> = {};
  for (const ws of wb.worksheets) {
    for (const [, t] of rowTexts(ws, 1)) if (t.startsWith('hyoka:item:')) sheets[t.slice('hyoka:item:'.length)] ??= ws.name;
  }
  return { plan, sheets, locations };
}

/** Why a file could not be read, in Japanese and English, with the sheet and cell when known. */
export function describeReadError(e: unknown): Message & { sheet: string | null; cell: string | null } {
  if (e instanceof WorkbookReadError) return { ja: e.ja, en: e.en, sheet: e.sheet, cell: e.cell };
  const err = e as Partial<Message> & { message?: string; code?: string; sheet?: unknown; cell?: unknown };
  // Errors that already speak both languages (the forgiving reader's) are passed on as they are.
  if (err && typeof err.ja === 'string' && typeof err.en === 'string') {
    return { ja: err.ja, en: err.en, sheet: typeof err.sheet === 'string' ? err.sheet : null, cell: typeof err.cell === 'string' ? err.cell : null };
  }
  // First line only, without JSZip's pointer to its documentation; library English only in `en`.
  const detail = (err?.message ?? String(e)).split('\n')[0].replace(/\s*If it is, see https?:\/\/\S+/, '').slice(0, 300);
  const none = { sheet: null, cell: null };
  // The bounded loader words the errors of opening a file itself; one it did not wrap is told from the table.
  const errno = errnoMessage(e);
  if (errno) return { ja: errno.ja, en: errno.en, ...none };
  return { ja: 'ワークブックとして読めません（内部エラー）', en: `cannot read the workbook (internal error: ${detail})`, ...none };
}
