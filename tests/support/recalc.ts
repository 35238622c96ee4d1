// LibreOffice recalculation for tests: the workbook is written with every cached result replaced by a
// sentinel, so a value read back can only have come from LibreOffice computing the formula.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook } from '../../src/xlsx/read';
import { recalculate } from '../../src/xlsx/libreoffice';

export const STALE = '#STALE';

export function staleCopy(layout: WorkbookLayout): WorkbookLayout {
  return { ...layout, sheets: layout.sheets.map((s) => ({ ...s, cells: s.cells.map((c) => (c.formula ? { ...c, result: STALE } : c)) })) };
}

export async function recalculated(plan: Plan, name: string): Promise<{ wb: ExcelJS.Workbook; layout: WorkbookLayout }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-recalc-'));
  const layout = buildWorkbookLayout(plan);
  const file = path.join(dir, `${name}.xlsx`);
  await writeWorkbookFile(staleCopy(layout), file);
  const outDir = path.join(dir, 'out');
  await fs.mkdir(outDir);
  const out = await recalculate(file, outDir);
  return { wb: await loadWorkbook(out), layout };
}

export function sameNumber(found: unknown, expected: number): boolean {
  return typeof found === 'number' && Math.abs(found - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}
