// exceljs adapter for the plan reader: a workbook file (opened by the bounded loader) becomes grids,
// and src/read/plan-reader.ts (host-independent, shared with the task pane) reads the plan from them.
import ExcelJS from 'exceljs';
import type { Plan } from '../model/plan';
import type { Grid } from '../read/grid';
import { readMetadata, type Locations } from '../read/plan-reader';
import type { PlanMetadata } from '../layout/workbook';
import { gridsToPlan } from '../read/all-readers';
import { plainValue, formulaOf } from './cells';
import { openWorkbook, openWorkbookBytes, type LoadLimits } from './safe-load';

export { WorkbookReadError, registerItemSheetReader, readItemSheet, type Locations, type CellLocation, type MetaItem, type ItemSheetReader } from '../read/plan-reader';

/** An exceljs worksheet as a grid: cached results for formulas, merged ranges speaking once. */
export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  return {
    name: ws.name,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    value(row, col) {
      const cell = ws.findCell(row, col);
      if (!cell) return null;
      if (cell.isMerged && cell.master.address !== cell.address) return null;
      return plainValue(cell);
    },
    formula(row, col) {
      const cell = ws.findCell(row, col);
      return cell ? formulaOf(cell) : null;
    },
    numFmt(row, col) {
      const f = ws.findCell(row, col)?.numFmt;
      return f && f !== 'General' ? f : null;
    },
  };
}

/**
 * A workbook from a file or from bytes, always through the bounded loader (src/xlsx/safe-load.ts):
 * there is no other way in. Bytes are named `name` in messages.
 */
export async function loadWorkbook(source: string | Uint8Array, name = '(workbook)', limits?: Partial<LoadLimits>): Promise<ExcelJS.Workbook> {
  return typeof source === 'string' ? openWorkbook(source, limits) : openWorkbookBytes(name, source, limits);
}

/** The plan a workbook holds: metadata plus every value the clerks can see and edit. */
export function workbookToPlan(wb: ExcelJS.Workbook, file: string, locations: Locations = {}): Plan {
  return gridsToPlan(wb.worksheets.map(worksheetGrid), file, locations);
}

/** The hidden metadata of a workbook (where a round workbook carries its stamp). */
export function workbookMetadata(wb: ExcelJS.Workbook, file: string): PlanMetadata {
  return readMetadata(wb.worksheets.map(worksheetGrid), file);
}

export async function readPlanFromWorkbook(file: string, locations?: Locations): Promise<Plan> {
  return workbookToPlan(await loadWorkbook(file), file, locations);
}
