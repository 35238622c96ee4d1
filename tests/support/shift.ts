// What Excel does when a clerk inserts rows or columns, applied to a layout description: every cell,
// merge and row height below/right of the insertion moves. (exceljs's own spliceRows leaves merges
// behind, so it cannot stand in for Excel here.) insertRows/insertColumns leave formulas as they are
// (enough for readers, which read values and labels); shiftSheet also moves formula references.
import type { SheetLayout } from '../../src/layout/types';
import { columnLetter, columnNumber } from '../../src/layout/a1';

export function insertRows(sheet: SheetLayout, at: number, count: number): SheetLayout {
  const move = (r: number) => (r >= at ? r + count : r);
  return {
    ...sheet,
    cells: sheet.cells.map((c) => ({ ...c, row: move(c.row) })),
    merges: sheet.merges.map((m) => ({ ...m, top: move(m.top), bottom: move(m.bottom) })),
    rowHeights: Object.fromEntries(Object.entries(sheet.rowHeights).map(([r, h]) => [move(Number(r)), h])),
    validations: [],
    conditionalFormats: [],
    print: undefined,
  };
}

export function insertColumns(sheet: SheetLayout, at: number, count: number): SheetLayout {
  const move = (c: number) => (c >= at ? c + count : c);
  const columns = [...sheet.columns];
  columns.splice(at - 1, 0, ...Array.from({ length: count }, () => ({ width: 8 })));
  return {
    ...sheet,
    cells: sheet.cells.map((c) => ({ ...c, col: move(c.col) })),
    merges: sheet.merges.map((m) => ({ ...m, left: move(m.left), right: move(m.right) })),
    columns,
    validations: [],
    conditionalFormats: [],
    print: undefined,
  };
}

/** Moves the references of a formula as Excel does when rows (or columns) are inserted at `at`. */
export function moveRefs(formula: string, axis: 'row' | 'col', at: number, count: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g, (_m, d1: string, letters: string, d2: string, digits: string) => {
            let row = Number(digits);
            let col = columnNumber(letters);
            if (axis === 'row' && row >= at) row += count;
            if (axis === 'col' && col >= at) col += count;
            return `${d1}${columnLetter(col)}${d2}${row}`;
          }),
    )
    .join('');
}

/** Rows or columns inserted as Excel inserts them: cells, merges and every formula reference move. */
export function shiftSheet(sheet: SheetLayout, axis: 'row' | 'col', at: number, count: number): SheetLayout {
  const moved = axis === 'row' ? insertRows(sheet, at, count) : insertColumns(sheet, at, count);
  return { ...moved, cells: moved.cells.map((c) => (c.formula ? { ...c, formula: moveRefs(c.formula, axis, at, count) } : c)), anchors: sheet.anchors };
}
