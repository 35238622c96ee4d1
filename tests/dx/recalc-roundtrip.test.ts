// The DX 個別取組票 in a real spreadsheet engine: LibreOffice recalculates the generated workbook (cached results
// replaced by a sentinel first) and every formula — each quarter's progress and its hidden value, target,
// percent and flag, each year's figure, rate and flag, 達成件数, the 一覧 — equals the rules engine; each
// progress cell shows exactly rules/quarterly.ts's display. And export(generate(plan)) = plan, before and
// after LibreOffice has saved the file.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { DX_ANCHORS } from '../../src/layout/dx-sheet';
import type { WorkbookLayout } from '../../src/layout/types';
import { quarterProgress, QUARTERS } from '../../src/rules/quarterly';
import { evaluateKpiYear } from '../../src/rules/evaluate';
import { writeWorkbookBuffer, writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { recalculate } from '../../src/xlsx/libreoffice';
import { dxPlan, fillR5, syntheticPlan } from './support';
import { canonical } from '../support/canonical';

const STALE = '#STALE';

function staleCopy(layout: WorkbookLayout): WorkbookLayout {
  return { ...layout, sheets: layout.sheets.map((s) => ({ ...s, cells: s.cells.map((c) => (c.formula ? { ...c, result: STALE } : c)) })) };
}

async function recalculated(plan: Plan, name: string): Promise<{ wb: ExcelJS.Workbook; layout: WorkbookLayout; file: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-dx-'));
  const layout = buildWorkbookLayout(plan);
  const file = path.join(dir, `${name}.xlsx`);
  await writeWorkbookFile(staleCopy(layout), file);
  const outDir = path.join(dir, 'out');
  await fs.mkdir(outDir);
  const out = await recalculate(file, outDir);
  return { wb: await loadWorkbook(out), layout, file: out };
}


const same = (found: unknown, expected: unknown) =>
  typeof expected === 'number' ? typeof found === 'number' && Math.abs(found - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) : (found ?? '') === (expected ?? '');

/** Every formula cell of the DX sheets and 一覧 against the engine; every progress cell against rules/quarterly.ts. */
function compare(plan: Plan, wb: ExcelJS.Workbook, layout: WorkbookLayout): { problems: string[]; checked: number; progressCells: number } {
  const problems: string[] = [];
  let checked = 0;
  let progressCells = 0;
  for (const sheet of layout.sheets) {
    if (sheet.kind === 'meta') continue;
    const ws = wb.getWorksheet(sheet.name)!;
    for (const c of sheet.cells) {
      if (c.formula === undefined) continue;
      const found = plainValue(ws.getCell(c.row, c.col));
      checked++;
      if (!same(found, c.result)) problems.push(`${sheet.name}!${ws.getCell(c.row, c.col).address} ${c.formula.slice(0, 60)}: engine ${JSON.stringify(c.result)}, LibreOffice ${JSON.stringify(found)}`);
    }
    const dx = DX_ANCHORS.get(sheet);
    if (!dx) continue;
    const item = plan.items.find((it) => it.id === dx.itemId)!;
    dx.kpis.forEach((k, ki) => {
      const kpi = item.kpis[ki];
      for (const y of plan.plan.years) {
        if (!k.quarterHelpers[y]) continue;
        for (const q of QUARTERS) {
          const p = quarterProgress(kpi, y, q, plan.plan);
          const found = plainValue(ws.getCell(k.progressRow, dx.years[y].quarters[q - 1]));
          progressCells++;
          if (!same(found, p.display ?? '')) problems.push(`${sheet.name} ${kpi.name} ${y} Q${q}: quarterly.ts ${JSON.stringify(p.display)}, LibreOffice ${JSON.stringify(found)}`);
          const [c0, c1] = k.quarterHelpers[y][q - 1];
          const pairs: [number, number, unknown, string][] = [
            [k.actualRow, c0, typeof p.value === 'number' ? p.value : '', 'value'],
            [k.actualRow, c1, typeof p.target === 'number' ? p.target : '', 'target'],
            [k.progressRow, c0, p.rate ?? '', 'rate'],
            [k.progressRow, c1, p.onTrack === null ? '' : p.onTrack ? 1 : 0, 'onTrack'],
          ];
          for (const [r, c, expected, what] of pairs) {
            const v = plainValue(ws.getCell(r, c));
            if (!same(v, expected)) problems.push(`${sheet.name} ${kpi.name} ${y} Q${q} ${what}: quarterly.ts ${JSON.stringify(expected)}, LibreOffice ${JSON.stringify(v)}`);
          }
        }
        if (kpi.direction !== 'qualitative') {
          const ky = evaluateKpiYear(kpi, y, plan.plan);
          const found = plainValue(ws.getCell(k.progressRow, dx.years[y].target));
          if (!same(found, ky.display ?? '')) problems.push(`${sheet.name} ${kpi.name} ${y} yearly: evaluate ${JSON.stringify(ky.display)}, LibreOffice ${JSON.stringify(found)}`);
        }
      }
    });
  }
  return { problems, checked, progressCells };
}

describe('Gunma DX 個別取組票 (seed 004)', () => {
  test('LibreOffice recalculates every progress cell to the engine\'s value; the export of its file is the plan', async () => {
    const plan = await dxPlan();
    const { wb, layout, file } = await recalculated(plan, 'dx');
    const { problems, checked, progressCells } = compare(plan, wb, layout);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1500);
    expect(progressCells).toBeGreaterThan(300);
    // The sentinel is gone: (1) ① R3 3四半期 was computed by LibreOffice.
    const sheet = layout.sheets.find((s) => DX_ANCHORS.get(s)?.itemId === '1-1-1')!;
    const dx = DX_ANCHORS.get(sheet)!;
    expect(plainValue(wb.getWorksheet(sheet.name)!.getCell(dx.kpis[0].progressRow, dx.years.R3.quarters[2]))).toBe('42%');
    const back = workbookToPlan(await loadWorkbook(file), file);
    expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
  });

  test('the same with R5 4四半期 typed by clerks (numbers, zeros, dashes, blanks) and the text phase judged', async () => {
    const plan = fillR5(await dxPlan(), 2023);
    const { wb, layout } = await recalculated(plan, 'dx-filled');
    const { problems } = compare(plan, wb, layout);
    expect(problems).toEqual([]);
  });

  test('the cases the seed lacks: zero, strict and relative targets, a lower-is-better per-quarter total, text in a number cell', async () => {
    const plan = syntheticPlan();
    const { wb, layout, file } = await recalculated(plan, 'dx-synthetic');
    const { problems, progressCells } = compare(plan, wb, layout);
    expect(problems).toEqual([]);
    expect(progressCells).toBe(5 * 2 * 4);
    expect(canonical(Plan.parse(workbookToPlan(await loadWorkbook(file), file)))).toEqual(canonical(plan));
  });

  test('export(generate(plan)) = plan, for the seed, a filled plan and the synthetic plan', async () => {
    for (const plan of [await dxPlan(), fillR5(await dxPlan(), 7), syntheticPlan()]) {
      const back = workbookToPlan(await loadWorkbook(await writeWorkbookBuffer(buildWorkbookLayout(plan))), 'dx.xlsx');
      expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
    }
  });
});
