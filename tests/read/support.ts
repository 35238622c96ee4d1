// A one-item workbook (the bundled plan's first item, 1-1-1) for the reader tests, written to a temporary
// folder, edited as a clerk would: cells typed with exceljs, rows and columns deleted or inserted as
// Excel does it (on the layout, so merges move too: tests/support/shift.ts).
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { ItemAnchors, SheetLayout, WorkbookLayout } from '../../src/layout/types';
import { a1 } from '../../src/layout/a1';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, worksheetGrid } from '../../src/xlsx/read';
import { gridsToPlan } from '../../src/read/all-readers';
import type { ReadIssue } from '../../src/read/issues';
import type { Locations } from '../../src/read/plan-reader';
import { bundledPlan } from '../support/plans';

export interface Small {
  dir: string;
  plan: Plan;
  layout: WorkbookLayout;
  sheet: SheetLayout;
  anchors: ItemAnchors;
  /** Addresses on the item sheet as generated. */
  target(no: number, year: string): string;
  actual(no: number, year: string): string;
  rows(no: number): [number, number, number];
}

export async function smallPlan(): Promise<Plan> {
  const plan = await bundledPlan();
  return { ...plan, items: [plan.items[0]] };
}

export async function makeSmall(plan?: Plan): Promise<Small> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-read-'));
  const p = plan ?? (await smallPlan());
  const layout = buildWorkbookLayout(p);
  const sheet = layout.sheets.find((s) => s.kind === 'item')!;
  const anchors = sheet.anchors!;
  const k = (no: number) => anchors.kpis.find((x) => x.no === no)!;
  return {
    dir,
    plan: p,
    layout,
    sheet,
    anchors,
    target: (no, y) => a1(k(no).targetRow, anchors.yearCols[y]),
    actual: (no, y) => a1(k(no).actualRow, anchors.yearCols[y]),
    rows: (no) => [k(no).targetRow, k(no).rateRow, k(no).actualRow],
  };
}

export async function removeSmall(s: Small): Promise<void> {
  await fs.rm(s.dir, { recursive: true, force: true });
}

/** Writes the workbook (optionally with the item sheet's layout replaced), then edits it with exceljs. */
export interface Edit {
  /** The item sheet's layout as the clerk's row or column edits left it. */
  sheet?: SheetLayout;
  /** Typing, after the file is written. */
  edit?: (ws: ExcelJS.Worksheet) => void;
}

export async function writeEdited(s: Small, name: string, opts: Edit = {}): Promise<string> {
  const sheets = opts.sheet ? s.layout.sheets.map((x) => (x === s.sheet ? opts.sheet! : x)) : s.layout.sheets;
  const layout = { ...s.layout, sheets };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbookBuffer(layout)) as unknown as ArrayBuffer);
  if (opts.edit) opts.edit(wb.getWorksheet(s.sheet.name)!);
  const file = path.join(s.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** An edit that types one value (a number, a text, a formula with its cached result) into one cell. */
export function typeInto(address: string, value: ExcelJS.CellValue): Edit {
  return { edit: (ws) => (ws.getCell(address).value = value) };
}

/** Reads a workbook collecting every issue (as the audit does). */
export async function readCollecting(file: string): Promise<{ plan: Plan; issues: ReadIssue[]; locations: Locations }> {
  const wb = await loadWorkbook(file);
  const issues: ReadIssue[] = [];
  const locations: Locations = {};
  const plan = gridsToPlan(wb.worksheets.map(worksheetGrid), file, locations, issues);
  return { plan, issues, locations };
}

/** Rows deleted as Excel deletes them: their cells and merges gone, everything below moved up. */
export function deleteRows(sheet: SheetLayout, at: number, count: number): SheetLayout {
  const gone = (r: number) => r >= at && r < at + count;
  const move = (r: number) => (r >= at + count ? r - count : r);
  return {
    ...sheet,
    cells: sheet.cells.filter((c) => !gone(c.row)).map((c) => ({ ...c, row: move(c.row) })),
    merges: sheet.merges.filter((m) => !gone(m.top)).map((m) => ({ ...m, top: move(m.top), bottom: move(m.bottom) })),
    rowHeights: Object.fromEntries(
      Object.entries(sheet.rowHeights)
        .filter(([r]) => !gone(Number(r)))
        .map(([r, h]) => [move(Number(r)), h]),
    ),
    validations: [],
    conditionalFormats: [],
    print: undefined,
  };
}

/** Columns deleted as Excel deletes them: merges across them shrink, merges inside them go. */
export function deleteColumns(sheet: SheetLayout, at: number, count: number): SheetLayout {
  const gone = (c: number) => c >= at && c < at + count;
  const move = (c: number) => (c >= at + count ? c - count : c);
  const merges = sheet.merges
    .filter((m) => !(gone(m.left) && gone(m.right)))
    .map((m) => {
      const left = gone(m.left) ? at : move(m.left);
      const right = gone(m.right) ? at - 1 : m.right >= at + count ? m.right - count : m.right;
      return { ...m, left, right };
    })
    .filter((m) => m.right > m.left || m.bottom > m.top);
  const columns = [...sheet.columns];
  columns.splice(at - 1, count);
  return {
    ...sheet,
    cells: sheet.cells.filter((c) => !gone(c.col)).map((c) => ({ ...c, col: move(c.col) })),
    merges,
    columns,
    validations: [],
    conditionalFormats: [],
    print: undefined,
  };
}
