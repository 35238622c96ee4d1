// 推移: one block per numeric KPI — the plan's years across, a 目標 row and a 実績 row — and a native line
// chart of the two beside it (generate --charts). The cells are formulas over the item sheet's own target
// and actual cells (found through its anchors, as 一覧 finds the flags), so a figure typed later moves
// the chart. A blank, a word or 「削除」 is no number: NA(), which the chart draws as a gap (a blank
// would be drawn as 0 by some readers); the cached result is then the #N/A error the formula gives.
import type { Plan } from '../model/plan';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { isDeletedIn } from '../rules/evaluate';
import { a1, sheetRef } from './a1';
import { circled, SheetBuilder, shownValue } from './grid';
import { numberFormatFor } from './number-format';
import type { ChartRange, ChartSpec, SheetLayout } from './types';

export const TREND_SHEET = '推移';

/** Rows per KPI block: the chart beside it is this tall (default row height 15 pt). */
const BLOCK_ROWS = 16;
/** Chart width in columns (width 9 each), after one spacer column. */
const CHART_COLS = 8;
const COLORS = { target: '7F7F7F', actual: '1F4E79' };

export interface TrendSheet {
  sheet: SheetLayout;
  charts: ChartSpec[];
}

/** The trend sheet and its charts; null when the plan has no numeric KPI the layout anchors. */
export function buildTrendSheet(plan: Plan, itemSheets: SheetLayout[]): TrendSheet | null {
  const years = plan.plan.years;
  const labels = years.map(formatFiscalYearLabel);
  const firstYearCol = 2;
  const chartCol = firstYearCol + years.length + 1;
  const b = new SheetBuilder(TREND_SHEET, 'overview');
  const chartWidths = Array.from({ length: CHART_COLS }, () => ({ width: 9 }));
  b.layout.columns = [{ width: 10 }, ...years.map(() => ({ width: 10 })), { width: 2 }, ...chartWidths];
  b.put(1, 1, `${TREND_SHEET}　${plan.plan.title}`, 'title', { cols: years.length + 1 });
  b.height(1, 24);
  const charts: ChartSpec[] = [];
  let top = 3;
  plan.items.forEach((item, index) => {
    const sheet = itemSheets[index];
    const anchors = sheet.anchors;
    // A layout whose anchors do not list every KPI (or every year) has no cells to point at; one that keeps
    // target and actual on one row (gunma-dx) has their columns outside the anchors: no trend for it yet.
    if (!anchors || anchors.kpis.length !== item.kpis.length || years.some((y) => !anchors.yearCols[y])) return;
    if (anchors.kpis.some((k) => k.targetRow === k.actualRow)) return;
    item.kpis.forEach((kpi, k) => {
      if (kpi.direction === 'qualitative' || years.every((y) => isDeletedIn(kpi, y))) return;
      const title = `(${item.no}) ${circled(kpi.no)} ${kpi.name}`;
      b.put(top, 1, kpi.unit ? `${title}（${kpi.unit}）` : title, 'section', { cols: years.length + 1 });
      b.put(top + 1, 1, '区分', 'header');
      labels.forEach((label, i) => b.put(top + 1, firstYearCol + i, label, 'header'));
      const fmt = numberFormatFor(kpi);
      const rows = {
        target: { row: top + 2, from: anchors.kpis[k].targetRow },
        actual: { row: top + 3, from: anchors.kpis[k].actualRow },
      };
      const values: Record<keyof typeof rows, (number | null)[]> = { target: [], actual: [] };
      for (const key of ['target', 'actual'] as const) {
        const { row, from } = rows[key];
        b.put(row, 1, key === 'target' ? '目標' : '実績', 'labelSmall');
        years.forEach((y, i) => {
          const col = anchors.yearCols[y];
          const ref = sheetRef(sheet.name, from, col);
          const shown = shownValue(sheet, from, col);
          const value = typeof shown === 'number' && Number.isFinite(shown) ? shown : null;
          const formula = `IF(ISNUMBER(${ref}),${ref},NA())`;
          const cell = b.formula(row, firstYearCol + i, formula, value ?? '', 'computedNumber', { numFmt: fmt });
          if (value === null) cell.errorResult = '#N/A';
          values[key].push(value);
        });
      }
      const toCol = firstYearCol + years.length - 1;
      const range = (row: number): ChartRange => ({ sheet: TREND_SHEET, row, fromCol: firstYearCol, toCol });
      charts.push({
        on: TREND_SHEET,
        from: { row: top, col: chartCol },
        to: { row: top + BLOCK_ROWS - 1, col: chartCol + CHART_COLS },
        title,
        numFmt: fmt,
        categories: { range: range(top + 1), values: labels },
        series: [
          { name: '目標', kind: 'line', range: range(rows.target.row), values: values.target, color: COLORS.target,
            dashed: true, marker: 'square' },
          { name: '実績', kind: 'line', range: range(rows.actual.row), values: values.actual, color: COLORS.actual,
            marker: 'circle' },
        ],
      });
      top += BLOCK_ROWS;
    });
  });
  if (charts.length === 0) return null;
  const lastCol = chartCol + CHART_COLS - 1;
  b.layout.print = {
    paper: 'A4', landscape: true, fitToWidth: 1, fitToHeight: 0, header: plan.plan.title, footer: TREND_SHEET,
    printArea: `A1:${a1(top, lastCol)}`,
  };
  // Left open: nothing is typed here, and a protected sheet would lock its charts against editing.
  b.layout.protect = false;
  return { sheet: b.layout, charts };
}
