// What the cached-value tests share: the audit's findings about computed cells, and the check that
// generate → audit → LibreOffice recalculation → audit leaves every formula cell showing what hyoka cached.
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout, META_SHEET } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { a1 } from '../../src/layout/a1';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { recalculate } from '../../src/xlsx/libreoffice';
import { auditWorkbook, type Finding } from '../../src/audit';
import { sameValue } from '../../src/audit/check';
import { staleCopy } from '../support/recalc';

/** Findings about computed cells: what a cached value disagreeing with its formula would raise. */
const COMPUTED = new Set(['formula-overwritten', 'formula-changed', 'value-mismatch', 'miss-shown-as-100', 'structure-changed', 'kpi-missing', 'unreadable']);
const computedFindings = (findings: Finding[]) =>
  findings.filter((f) => COMPUTED.has(f.kind)).map((f) => `${f.kind} ${f.sheet}!${f.cell}: expected ${f.expected}, found ${f.found}`);

export async function auditFindings(file: string): Promise<string[]> {
  const findings = (await auditWorkbook(file)).problems;
  return computedFindings(findings.filter((f) => !(f.kind === 'value-mismatch' && sameShown(f.expected, f.found))));
}

/**
 * The same shown value. Beyond 1e15 (rates of 1e305% from absurd magnitudes) LibreOffice's TEXT may
 * print the 15th significant digit one off (Excel's does not): such texts compare as numbers to 14 digits.
 */
export function sameShown(cached: unknown, found: unknown): boolean {
  if (sameValue((cached ?? '') as never, (found ?? null) as never)) return true;
  const big = /^-?\d{16,}(\.\d+)?%$/;
  if (typeof cached !== 'string' || typeof found !== 'string' || !big.test(cached) || !big.test(found)) return false;
  const [x, y] = [parseFloat(cached), parseFloat(found)];
  return Math.abs(x - y) <= 1e-13 * Math.abs(x);
}

/** Every formula cell whose LibreOffice value differs from the result hyoka cached. */
export async function recalculatedDifferences(layout: WorkbookLayout, recalculated: string): Promise<string[]> {
  const wb = await loadWorkbook(recalculated);
  const out: string[] = [];
  for (const sheet of layout.sheets.filter((s) => s.name !== META_SHEET)) {
    const ws = wb.getWorksheet(sheet.name)!;
    for (const cell of sheet.cells.filter((c) => c.formula !== undefined)) {
      const found = plainValue(ws.getCell(cell.row, cell.col));
      if (!sameShown(cell.result, found)) out.push(`${sheet.name}!${a1(cell.row, cell.col)} =${cell.formula}: cached ${JSON.stringify(cell.result)}, LibreOffice ${JSON.stringify(found)}`);
    }
  }
  return out;
}

/** Generated, audited, recalculated by LibreOffice (sentinels first), compared and audited again; returns the LibreOffice file. */
export async function check(plan: Plan, dir: string, name: string): Promise<string> {
  const layout = buildWorkbookLayout(plan);
  const generated = path.join(dir, `${name}.xlsx`);
  await writeWorkbookFile(layout, generated);
  expect({ generated: await auditFindings(generated) }).toEqual({ generated: [] });
  const stale = path.join(dir, `${name}-stale.xlsx`);
  await writeWorkbookFile(staleCopy(layout), stale);
  const outDir = path.join(dir, `${name}-lo`);
  await fs.mkdir(outDir);
  const recalculated = await recalculate(stale, outDir);
  expect({ recalculated: await recalculatedDifferences(layout, recalculated) }).toEqual({ recalculated: [] });
  expect({ auditedAfterRecalculation: await auditFindings(recalculated) }).toEqual({ auditedAfterRecalculation: [] });
  return recalculated;
}

