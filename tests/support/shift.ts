// What Excel does when a clerk inserts rows or columns, applied to a layout description: every cell,
// merge and row height below/right of the insertion moves. (exceljs's own spliceRows leaves merges
// behind, so it cannot stand in for Excel here.) Formulas are not rewritten: the reader under test
// reads values and labels, not formulas.
import type { SheetLayout } from '../../src/layout/types';

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
