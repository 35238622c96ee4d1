// Helpers for the lock-by-year tests: the seed plans, and an oracle for which cells hold the round
// year's inputs that does not read the builders' `input` marks — two plans differing only in that
// year's inputs are rendered, and the plain (non-formula) cells that differ are the inputs.
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { parsePlan } from '../../src/model/validate';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { SheetLayout } from '../../src/layout/types';

export const SEEDS = ['gunma-2020', 'saitama-2020', 'gunma-dx-2021', 'yamagata-2021', 'gunma-2025-outline'];

export async function seedPlan(name: string): Promise<Plan> {
  const parsed = parsePlan(JSON.parse(await fs.readFile(path.join(__dirname, '../../seeds', `${name}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(`seed ${name}`);
  return parsed.plan;
}

/** The round year: the plan's second year, so that a past year stays locked beside it. */
export const roundYear = (plan: Plan) => plan.plan.years[Math.min(1, plan.plan.years.length - 1)];

/** The plan with every input of `year` set to one of two distinct fillings (a or b). */
export function filled(plan: Plan, year: string, which: 'a' | 'b'): Plan {
  const p = structuredClone(plan);
  const n = which === 'a' ? 1 : 2;
  const word = which === 'a' ? '入力あ' : '入力い';
  for (const item of p.items) {
    for (const k of item.kpis) {
      k.actuals[year] = k.direction === 'qualitative' ? (which === 'a' ? '達成' : '未達成') : n;
      if (k.quarterlyActuals) k.quarterlyActuals[year] = [n, n, n, n];
    }
    for (const r of item.referenceIndicators) r.actuals[year] = n;
    item.evaluations[year] = { factors: word, nextYearIssues: word, response: word };
    for (const t of item.schedule) {
      t.result[year] = which === 'a' ? [1, 2, 3, 4] : [];
      t.resultNotes = { ...t.resultNotes, [year]: { '1': word, '2': word, '3': word, '4': word } };
    }
    item.remarks = { ...item.remarks, [year]: word };
    for (const k of item.kpis) k.targetChangeRequests = { ...k.targetChangeRequests, [year]: { value: n, reason: word } };
  }
  return p;
}

const shown = (s: SheetLayout) => new Map(s.cells.filter((c) => c.formula === undefined).map((c) => [`${c.row}:${c.col}`, c.value ?? null]));

/** Per item sheet name, the cells ("row:col") whose plain value differs between the two fillings. */
export function inputCellsByOracle(plan: Plan, year: string): Map<string, Set<string>> {
  const [a, b] = (['a', 'b'] as const).map((w) => buildWorkbookLayout(filled(plan, year, w)).sheets.filter((s) => s.kind === 'item'));
  const out = new Map<string, Set<string>>();
  a.forEach((sheet, i) => {
    const [va, vb] = [shown(sheet), shown(b[i])];
    const differ = new Set([...va.keys(), ...vb.keys()].filter((k) => va.get(k) !== vb.get(k)));
    out.set(sheet.name, differ);
  });
  return out;
}

/** The sheet protection exceljs read from a file's sheet, or undefined when it has none. */
export function sheetProtection(ws: ExcelJS.Worksheet): Record<string, unknown> | undefined {
  return (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
}

/** Excel's default: a cell without a protection style is locked. */
export const isLocked = (ws: ExcelJS.Worksheet, row: number, col: number): boolean => ws.getCell(row, col).protection?.locked !== false;
