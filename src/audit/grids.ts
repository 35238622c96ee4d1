// exceljs worksheets as grids for the audit, read once into arrays: the reader and the audit look
// cells up tens of thousands of times per workbook, and exceljs's findCell(row, col) builds and parses
// an A1 address on every call. Same values as xlsx/read.ts worksheetGrid (cached results, a merged
// range speaking once at its top-left cell, the number formats of numbers).
import type ExcelJS from 'exceljs';
import { arrayGrid, type Grid, type Plain } from '../read/grid';
import { formulaOf, plainValue } from '../xlsx/cells';

export function snapshotGrid(ws: ExcelJS.Worksheet): Grid {
  const values: Plain[][] = [];
  const formulas: (string | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const v: Plain[] = [];
    const f: (string | undefined)[] = [];
    const n: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      v[c - 1] = plainValue(cell);
      const formula = formulaOf(cell);
      if (formula) f[c - 1] = `=${formula}`;
      // Number formats only where they can change a reading: numbers (「12.3%」 stored as 0.123).
      if (typeof v[c - 1] === 'number' && cell.numFmt) n[c - 1] = cell.numFmt;
    });
    values[r - 1] = v;
    formulas[r - 1] = f;
    formats[r - 1] = n;
  });
  const grid = arrayGrid(ws.name, values, formulas, formats);
  // The sheet's own extent, as worksheetGrid reports it (arrays stop at the last value).
  return { ...grid, rowCount: Math.max(grid.rowCount, ws.rowCount), columnCount: Math.max(grid.columnCount, ws.columnCount) };
}
