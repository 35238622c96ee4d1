// Cells a department typed outside the form: in a returned round workbook, every non-empty cell of an item
// sheet that the sheet as sent (the same layout, rendered again from the register's copy) has no cell or
// merge at. The readers cannot carry such a cell into the plan, so it is listed as a change at its place
// (変更点, not-carried) instead of being dropped without a word. Positions are stable in a round workbook:
// its sheets are protected, so rows and columns cannot be inserted without unprotecting them first.
import type ExcelJS from 'exceljs';
import type { SheetLayout, WorkbookLayout } from '../layout/types';
import type { Change } from './changes';

const MARKER = 'hyoka:item:';

/** The item id a sheet of the layout renders (its hidden 'hyoka:item:ID' cell), if any. */
function itemOfLayout(sheet: SheetLayout): string | null {
  const marker = sheet.cells.find((c) => c.row === 1 && typeof c.value === 'string' && c.value.startsWith(MARKER));
  return marker ? String(marker.value).slice(MARKER.length) : null;
}

function itemOfWorksheet(ws: ExcelJS.Worksheet): string | null {
  let id: string | null = null;
  ws.getRow(1).eachCell((cell) => {
    const v = cell.value;
    if (id === null && typeof v === 'string' && v.startsWith(MARKER)) id = v.slice(MARKER.length);
  });
  return id;
}

function occupied(sheet: SheetLayout): (row: number, col: number) => boolean {
  const cells = new Set(sheet.cells.map((c) => `${c.row}:${c.col}`));
  const merged = (row: number, col: number) =>
    sheet.merges.some((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  return (row, col) => cells.has(`${row}:${col}`) || merged(row, col);
}

function shown(v: ExcelJS.CellValue): string {
  if (typeof v !== 'object' || v === null) return String(v);
  return 'richText' in v ? v.richText.map((r) => r.text).join('') : JSON.stringify(v);
}

/** Every typed cell of the returned item sheets that the sent layout has no place for. */
export function cellsOutsideLayout(sent: WorkbookLayout, returned: ExcelJS.Workbook): Change[] {
  const layouts = new Map<string, SheetLayout>();
  for (const sheet of sent.sheets) {
    const id = sheet.kind === 'item' ? itemOfLayout(sheet) : null;
    if (id) layouts.set(id, sheet);
  }
  const changes: Change[] = [];
  for (const ws of returned.worksheets) {
    const id = itemOfWorksheet(ws);
    const layout = id ? layouts.get(id) : undefined;
    if (!id || !layout) continue;
    const inLayout = occupied(layout);
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.value === null || cell.value === '' || inLayout(r, c)) return;
        const text = shown(cell.value);
        changes.push({
          kind: 'not-carried',
          severity: 'error',
          itemId: id,
          field: 'cell',
          before: undefined,
          after: text,
          place: { sheet: ws.name, row: r, col: c },
          message: {
            ja: `様式の外のセルに入力があります（計画には取り込まれません）: 「${text}」`,
            en: `a cell outside the form holds "${text}" (it is not carried into the plan)`,
          },
        });
      }),
    );
  }
  return changes;
}
