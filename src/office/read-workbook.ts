/// <reference types="office-js" />
// Reading the open workbook through Office.js for the host-independent readers (src/read): sheets
// become Grids (values as Excel shows them, formulas), in a fixed small number of round trips:
//   readWorkbook    sync 1: the sheet names, order and visibility, and the active sheet;
//                   sync 2: the used range (values + formulas) of every sheet it needs, all at once.
//   readActiveSheet one sync: the active sheet's used range and the hidden metadata sheet's.
//   readMetadataOnly one sync: the hidden metadata sheet only (what the forms need: years, items).
// Nothing here syncs in a loop; the number of round trips does not depend on the workbook's size.
import { arrayGrid, type Grid } from '../read/grid';
import { META_SHEET } from '../layout/workbook';

export interface SheetInfo {
  name: string;
  visibility: string;
}

export interface WorkbookRead {
  /** Every sheet in workbook order (very hidden ones too). */
  sheets: SheetInfo[];
  /** The active sheet's name. */
  active: string;
  /** Grids of the sheets read, in workbook order. */
  grids: Grid[];
  syncs: number;
}

type Cell = string | number | boolean;

/**
 * A grid over a used range that starts at (top, left) (1-based), so rows and columns keep their sheet
 * addresses: the readers name cells as Excel does.
 */
export function usedRangeGrid(
  name: string,
  top: number,
  left: number,
  values: Cell[][],
  formulas: Cell[][],
  numberFormats?: Cell[][],
): Grid {
  const inner = arrayGrid(name, values, formulas, numberFormats);
  const dr = top - 1;
  const dc = left - 1;
  return {
    name,
    rowCount: inner.rowCount + dr,
    columnCount: inner.columnCount + dc,
    value: (row, col) => (row > dr && col > dc ? inner.value(row - dr, col - dc) : null),
    formula: (row, col) => (row > dr && col > dc ? inner.formula(row - dr, col - dc) : null),
    numFmt: (row, col) => (row > dr && col > dc ? inner.numFmt!(row - dr, col - dc) : null),
  };
}

interface Pending {
  name: string;
  range: Excel.Range;
}

function queueUsedRange(sheet: Excel.Worksheet, name: string): Pending {
  // valuesOnly: formatting alone (empty bordered cells) does not widen what comes back.
  const range = sheet.getUsedRangeOrNullObject(true);
  range.load('rowIndex,columnIndex,values,formulas,numberFormat');
  return { name, range };
}

function toGrid(p: Pending): Grid | null {
  if (p.range.isNullObject) return null;
  const { rowIndex, columnIndex, values, formulas, numberFormat } = p.range;
  const [top, left] = [rowIndex + 1, columnIndex + 1];
  return usedRangeGrid(p.name, top, left, values as Cell[][], formulas as Cell[][], numberFormat as Cell[][]);
}

/**
 * Reads the workbook in two syncs. `which` picks the sheets to read from the list (default: every
 * sheet): e.g. all but 一覧, whose formulas the readers never need.
 */
export async function readWorkbook(context: Excel.RequestContext, which: (sheet: SheetInfo) => boolean = () => true): Promise<WorkbookRead> {
  const collection = context.workbook.worksheets;
  collection.load('items/name,items/visibility');
  const active = collection.getActiveWorksheet();
  active.load('name');
  await context.sync();
  const sheets = collection.items.map((w) => ({ name: w.name, visibility: String(w.visibility) }));
  const pending = sheets.filter(which).map((s) => queueUsedRange(collection.getItem(s.name), s.name));
  await context.sync();
  return { sheets, active: active.name, grids: pending.map(toGrid).filter((g): g is Grid => g !== null), syncs: 2 };
}

export interface ActiveSheetRead {
  active: string;
  /** The active sheet's grid (null when it is empty). */
  grid: Grid | null;
  /** The metadata sheet's grid (null when the workbook has none). */
  meta: Grid | null;
  syncs: number;
}

/** The active sheet and the metadata sheet, in one sync. */
export async function readActiveSheet(context: Excel.RequestContext): Promise<ActiveSheetRead> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load('name');
  const range = active.getUsedRangeOrNullObject(true);
  range.load('rowIndex,columnIndex,values,formulas,numberFormat');
  const meta = queueUsedRange(context.workbook.worksheets.getItemOrNullObject(META_SHEET) as Excel.Worksheet, META_SHEET);
  await context.sync();
  const grid = toGrid({ name: active.name, range });
  return { active: active.name, grid, meta: toGrid(meta), syncs: 1 };
}

/** The hidden metadata sheet only, in one sync (null when the workbook has none). */
export async function readMetadataGrid(context: Excel.RequestContext): Promise<Grid | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
  const pending = queueUsedRange(sheet as Excel.Worksheet, META_SHEET);
  await context.sync();
  return toGrid(pending);
}

/** Selects one cell (or range) on a sheet, activating the sheet: one sync. */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}
