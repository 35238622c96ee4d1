// Shared by the Yamagata and outline tests: load a seed, round-trip a plan through a workbook, and let
// LibreOffice recalculate a workbook whose cached results were replaced by a sentinel first.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookBuffer, writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { recalculate } from '../../src/xlsx/libreoffice';
import { REPO } from '../support/plans';
import { canonical } from '../support/canonical';
export { canonical };

export const YAMAGATA = path.join(REPO, 'seeds', 'yamagata-2021.json');
export const OUTLINE = path.join(REPO, 'seeds', 'gunma-2025-outline.json');
export const loadSeed = (file: string): Promise<Plan> => loadPlanFile(file);

export const STALE = '#STALE';


export async function roundTrip(plan: Plan): Promise<Plan> {
  const buffer = await writeWorkbookBuffer(buildWorkbookLayout(plan));
  return workbookToPlan(await loadWorkbook(buffer), 'roundtrip.xlsx');
}

export function staleCopy(layout: WorkbookLayout): WorkbookLayout {
  return { ...layout, sheets: layout.sheets.map((s) => ({ ...s, cells: s.cells.map((c) => (c.formula ? { ...c, result: STALE } : c)) })) };
}

/** The plan's workbook with every cached result replaced by the sentinel, recalculated by LibreOffice. */
export async function recalculated(plan: Plan, name: string): Promise<{ wb: ExcelJS.Workbook; layout: WorkbookLayout }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `hyoka-${name}-`));
  const layout = buildWorkbookLayout(plan);
  const file = path.join(dir, `${name}.xlsx`);
  await writeWorkbookFile(staleCopy(layout), file);
  const outDir = path.join(dir, 'out');
  await fs.mkdir(outDir);
  const out = await recalculate(file, outDir);
  const wb = await loadWorkbook(out);
  await fs.rm(dir, { recursive: true, force: true });
  return { wb, layout };
}

export function sameValue(found: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return typeof found === 'number' && Math.abs(found - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return (found ?? '') === (expected ?? '');
}

/** Every formula cell of every sheet: LibreOffice's value against the engine's (the layout's cached result). */
export function formulaDisagreements(wb: ExcelJS.Workbook, layout: WorkbookLayout): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  for (const sheet of layout.sheets) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) {
      problems.push(`sheet ${sheet.name} is missing`);
      continue;
    }
    for (const c of sheet.cells) {
      if (!c.formula) continue;
      checked++;
      const found = plainValue(ws.getCell(c.row, c.col));
      if (!sameValue(found, c.result)) problems.push(`${sheet.name}!${ws.getCell(c.row, c.col).address}: engine ${JSON.stringify(c.result)}, LibreOffice ${JSON.stringify(found)} (=${c.formula})`);
    }
  }
  return { checked, problems };
}
