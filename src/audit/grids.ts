// exceljs worksheets as grids for the audit, read once into arrays: the reader and the audit look
// cells up tens of thousands of times per workbook, and exceljs's findCell(row, col) builds and parses
// an A1 address on every call. Same values as xlsx/read.ts worksheetGrid (cached results, a merged
// range speaking once at its top-left cell).
import type ExcelJS from 'exceljs';
import { arrayGrid, type Grid, type Plain } from '../read/grid';
import { formulaOf, plainValue } from '../xlsx/cells';

export function snapshotGrid(ws: ExcelJS.Worksheet): Grid {
  const values: Plain[][] = [];
  const formulas: (string | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const v: Plain[] = [];
    const f: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      v[c - 1] = plainValue(cell);
      const formula = formulaOf(cell);
      if (formula) f[c - 1] = `=${formula}`;
    });
    values[r - 1] = v;
    formulas[r - 1] = f;
  });
  const grid = arrayGrid(ws.name, values, formulas);
  // The sheet's own extent, as worksheetGrid reports it (arrays stop at the last value).
  return { ...grid, rowCount: Math.max(grid.rowCount, ws.rowCount), columnCount: Math.max(grid.columnCount, ws.columnCount) };
}
