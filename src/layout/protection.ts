// Lock by year (issue 11.2): a round workbook opens exactly the round year's inputs — the cells the
// sheet builders mark with `input` (CellSpec.input), which are the parts frozenPart (round/stamp.ts)
// leaves out of the fingerprint — and locks everything else under sheet protection. The writers
// (xlsx/write.ts, office/write-sheet.ts) only apply the `protection` decided here.
import { formatFiscalYearLabel } from '../model/fiscal-year';
import type { CellSpec, SheetLayout, WorkbookLayout } from './types';

/** The 「入力欄」 shade: Excel's own 入力 (Input) cell style colour, so a clerk recognises it. */
export const INPUT_FILL = 'FFFFCC99';

export const LEGEND_LABEL = '入力欄';

/** The legend line under an item sheet: what the shade means and where a target change goes. */
export function legendText(year: string): string {
  return (
    `${formatFiscalYearLabel(year)}の入力欄：色の付いたセルだけが入力できます。ほかのセルはシートの保護でロックされています` +
    '（目標を変える場合は「目標変更」欄に新しい値と理由を書いてください）'
  );
}

const key = (row: number, col: number) => `${row}:${col}`;

/** The cells of one sheet open in `year`: its marked inputs and the cells their merges cover. */
export function openCells(sheet: SheetLayout, year: string): Set<string> {
  const open = new Set<string>();
  for (const c of sheet.cells) if (c.input?.year === year) open.add(key(c.row, c.col));
  for (const m of sheet.merges) {
    if (!open.has(key(m.top, m.left))) continue;
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) open.add(key(r, c));
  }
  return open;
}

/** Every sheet protected, only `year`'s inputs unlocked and shaded, a legend on each item sheet. */
export function lockByYear(layout: WorkbookLayout, lock: { year: string; password?: string }): WorkbookLayout {
  for (const sheet of layout.sheets) {
    const open = openCells(sheet, lock.year);
    sheet.protect = true;
    for (const cell of sheet.cells) {
      const isOpen = open.has(key(cell.row, cell.col));
      cell.protection = isOpen ? { locked: false, shade: true } : { locked: true };
    }
    if (sheet.kind === 'item') sheet.cells.push(...legend(sheet, lock.year));
  }
  layout.lock = lock;
  return layout;
}

/**
 * A shaded 「入力欄」 swatch (itself locked) and what it means: in the row the layout keeps free for it,
 * or two rows under the last cell. Readers take text in rows they do not know for notes: the row must
 * be one they skip (tests/round/lock-roundtrip.test.ts).
 */
function legend(sheet: SheetLayout, year: string): CellSpec[] {
  const row = sheet.legendRow ?? Math.max(0, ...sheet.cells.map((c) => c.row)) + 2;
  return [
    { row, col: 1, value: LEGEND_LABEL, style: 'labelSmall', protection: { locked: true, shade: true } },
    { row, col: 2, value: legendText(year), style: 'section', protection: { locked: true } },
  ];
}
