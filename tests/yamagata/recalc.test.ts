// LibreOffice recalculates the Yamagata workbook (cached results replaced by a sentinel first): every
// progress cell — 時点, 進捗率, 基準からの進捗, 経過, ペース比 and their hidden unrounded helpers — equals
// rules/progress.ts; again with later years typed as clerks would and with indicators built to hit the
// edge cases (zero divisor, target = base, lower is better, a worded target, a miss just under 100%).
import type ExcelJS from 'exceljs';
import type { Kpi, Plan } from '../../src/model/plan';
import { formatFiscalYearLabel } from '../../src/model/fiscal-year';
import { progressOf } from '../../src/rules/progress';
import { YAMAGATA_LABELS as L } from '../../src/layout/yamagata-sheet';
import type { WorkbookLayout } from '../../src/layout/types';
import { plainValue } from '../../src/xlsx/cells';
import { worksheetGrid } from '../../src/xlsx/read';
import { findCell, rowTexts } from '../../src/read/grid';
import { uncircle } from '../../src/layout/grid';
import { formulaDisagreements, loadSeed, recalculated, sameValue, STALE, YAMAGATA } from './support';

/** Every progress cell of every item sheet, found by its labels, against the engine. */
function progressDisagreements(plan: Plan, wb: ExcelJS.Workbook, layout: WorkbookLayout): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  plan.items.forEach((item, index) => {
    const sheet = layout.sheets.filter((s) => s.kind === 'item')[index];
    const ws = wb.getWorksheet(sheet.name)!;
    const grid = worksheetGrid(ws);
    const header = findCell(grid, (t) => t === L.name);
    if (item.kpis.length === 0) {
      if (header) problems.push(`${sheet.name}: an indicator table without indicators`);
      return;
    }
    const cols = new Map(rowTexts(grid, header!.row).map(([c, t]) => [t, c]));
    // Hidden helpers are labelled hyoka:latest … in the header row.
    const col = (label: string) => cols.get(label)!;
    for (let r = header!.row + 2; uncircle(String(plainValue(ws.getCell(r, 1)) ?? '')) !== null; r++) {
      const no = uncircle(String(plainValue(ws.getCell(r, 1))))!;
      const kpi = item.kpis.find((k) => k.no === no)!;
      const p = progressOf(kpi, plan.plan);
      const expect: [string, unknown][] = [
        [L.latest, p.latestYear ? formatFiscalYearLabel(p.latestYear) : ''],
        [L.progress, p.display ?? ''],
        [L.fromBase, p.fromBaseDisplay ?? ''],
        [L.elapsed, p.elapsedDisplay ?? ''],
        [L.pace, p.paceDisplay ?? ''],
        ['hyoka:latest', p.actual ?? ''],
        ['hyoka:elapsed', p.elapsed ?? ''],
        ['hyoka:progress', p.rate ?? ''],
        ['hyoka:fromBase', p.fromBase ?? ''],
        ['hyoka:pace', p.pace ?? ''],
      ];
      for (const [label, value] of expect) {
        checked++;
        const found = plainValue(ws.getCell(r, col(label)));
        if (!sameValue(found, value)) problems.push(`${sheet.name} ${kpi.name} ${label}: engine ${JSON.stringify(value)}, LibreOffice ${JSON.stringify(found)}`);
      }
    }
  });
  return { checked, problems };
}

/** The seed as clerks carry it on: R3, R5 and R6 typed, a dash, a miss just under the target. */
function filled(plan: Plan): Plan {
  const copy: Plan = JSON.parse(JSON.stringify(plan));
  const k = (id: string, no = 1) => copy.items.find((it) => it.id === id)!.kpis.find((x) => x.no === no)!;
  k('Y1-1').actuals = { R3: 40.2, R4: 71.5, R5: 99.6 };
  k('Y1-6').actuals = { R3: 1900, R4: 2233, R5: '－' };
  k('Y2-2', 1).actuals = { R3: 30.1, R4: 75.6, R5: 100.4 };
  k('Y2-2', 2).actuals = { R4: 7.3, R5: 9.1 };
  k('Y3-3').actuals = { R4: 86.3, R5: 90, R6: 99.96 };
  k('Y3-4').actuals = { R4: 705, R6: 0 };
  // Edge cases on an item of their own.
  const edge = (no: number, over: Partial<Kpi>): Kpi => ({ no, name: `境界${no}`, unit: '件', direction: 'higher', targets: {}, actuals: {}, baselineYear: 'R1', finalTarget: { year: 'R6', value: 10 }, ...over });
  copy.items.push({
    ...copy.items[0],
    id: 'EDGE',
    no: 9,
    title: '境界の確認',
    highlights: undefined,
    kpis: [
      edge(1, { baseline: 0, finalTarget: { year: 'R6', value: 0 }, actuals: { R4: 0 } }), // 0 / 0 → 100%
      edge(2, { baseline: 0, finalTarget: { year: 'R6', value: 0 }, actuals: { R4: 3 } }), // zero divisor → 「－」
      edge(3, { baseline: 10, actuals: { R5: 12 } }), // target = base
      edge(4, { direction: 'lower', baseline: 100, finalTarget: { year: 'R6', value: 40 }, actuals: { R4: 70 } }),
      edge(5, { baseline: 50, finalTarget: { year: 'R6', value: '75%以上' }, actuals: { R4: 60 } }),
      edge(6, { baseline: 1, actuals: { R3: 9.96 } }), // 99.6%
      edge(7, { baseline: 2, actuals: {} }), // nothing typed yet
      edge(8, { direction: 'qualitative', baseline: null, finalTarget: { year: 'R6', value: '実施' }, actuals: { R4: '達成' } }),
      edge(9, { baseline: '—', periodTarget: { from: 'R3', to: 'R6', kind: 'total', value: 10, raw: '10件 (R3~R6累計)' }, finalTarget: undefined, actuals: { R3: 1 } }),
      edge(10, { baseline: 5, baselineYear: 'R5', finalTarget: { year: 'R9', value: 20 }, actuals: { R4: 6 } }), // actual before the baseline year: 0 years spent
    ],
  });
  return copy;
}

describe('LibreOffice recalculation equals rules/progress.ts', () => {
  test('the Yamagata seed: every formula cell and every progress cell', async () => {
    const plan = await loadSeed(YAMAGATA);
    const { wb, layout } = await recalculated(plan, 'yamagata');
    const all = formulaDisagreements(wb, layout);
    expect(all.problems).toEqual([]);
    const progress = progressDisagreements(plan, wb, layout);
    expect(progress.problems).toEqual([]);
    expect(progress.checked).toBe(7 * 10);
    // The sentinel proves LibreOffice computed them: 75.6 / 120 is 63% on the 歳出の見直し sheet.
    const sheet = layout.sheets.find((s) => s.cells.some((c) => c.value === 'hyoka:item:Y2-2'))!;
    const cell = sheet.cells.find((c) => c.formula && c.result === '63%')!;
    expect(plainValue(wb.getWorksheet(sheet.name)!.getCell(cell.row, cell.col))).toBe('63%');
    expect(JSON.stringify(all)).not.toContain(STALE);
  });

  test('the seed with R3–R6 typed by clerks and edge-case indicators', async () => {
    const plan = filled(await loadSeed(YAMAGATA));
    const { wb, layout } = await recalculated(plan, 'yamagata-filled');
    const all = formulaDisagreements(wb, layout);
    expect(all.problems).toEqual([]);
    expect(all.checked).toBeGreaterThan(100);
    const progress = progressDisagreements(plan, wb, layout);
    expect(progress.problems).toEqual([]);
    expect(progress.checked).toBe(17 * 10);
    // Spot checks of the engine itself on the filled plan.
    const y22 = progressOf(plan.items.find((it) => it.id === 'Y2-2')!.kpis[0], plan.plan);
    expect([y22.display, y22.elapsedDisplay, y22.paceDisplay]).toEqual(['84%', '3/4年', '112%']); // 100.4 / 120; 100.4 / 90
    const y33 = progressOf(plan.items.find((it) => it.id === 'Y3-3')!.kpis[0], plan.plan);
    expect([y33.display, y33.elapsedDisplay]).toEqual(['99.9%', '5/6年']); // 99.96 is a miss: never 100%
  });
});
