// チェック: what is wrong in the item sheets as read from the workbook, each problem with the cell to
// select. Pure: grids (src/read/grid.ts) and the plan read from them; no Office.js here.
//   invalid        an actual the parser rejects (engine status 'invalid'), with the engine's message; a
//                  formula or an error value (#DIV/0!) typed into a target or actual, in the reader's words
//   missingActual  no actual for a KPI with a target, in a year already being evaluated (count partial)
//   formula        a computed cell without its formula (typed over): rates, hidden helpers, 達成件数,
//                  relative targets (前年度以上)
//   count          a 達成件数 that disagrees with the recomputation (e.g. stale in manual calculation)
import type { Plan } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { parseA1, a1 } from '../layout/a1';
import { LABELS } from '../layout/gunma-sheet';
import type { PlanMetadata } from '../layout/workbook';
import { evaluatePlan, isDeletedIn, type PlanResult } from '../rules/evaluate';
import { rowTexts, findCell, type Grid } from '../read/grid';
import type { Locations } from '../read/plan-reader';
import { inputCellIssue } from '../read/issues';

export type ProblemKind = 'invalid' | 'missingActual' | 'formula' | 'count';

export interface CheckProblem {
  kind: ProblemKind;
  sheet: string;
  /** A1 address of the cell to select. */
  address: string;
  itemId: string;
  kpi?: { no: number; name: string };
  year?: string;
  ja: string;
  en: string;
}

export const KIND_ORDER: ProblemKind[] = ['invalid', 'missingActual', 'formula', 'count'];

/** Where the computed cells of one item sheet are, found by their labels. */
function sheetAnchors(g: Grid) {
  const header = findCell(g, (t) => t.startsWith(LABELS.baseYear));
  const helperCols = new Map<string, number>();
  if (header)
    for (const [col, t] of rowTexts(g, header.row)) {
      const m = /^率・判定\s*(\S+)$/.exec(t);
      const fy = m ? parseFiscalYear(m[1]) : null;
      if (fy) helperCols.set(fy, col);
    }
  const evaluation = findCell(g, (t) => t === LABELS.evaluationSection, header?.row ?? 1);
  const countCols = new Map<string, number>();
  let countRow: number | null = null;
  if (evaluation) {
    for (const [col, t] of rowTexts(g, evaluation.row)) {
      const fy = parseFiscalYear(t);
      if (fy && col > evaluation.col) countCols.set(fy, col);
    }
    countRow = findCell(g, (t) => t === LABELS.count, evaluation.row + 1, evaluation.row + 3)?.row ?? null;
  }
  return { helperCols, countRow, countCols };
}

const squash = (v: unknown) => (v === null || v === undefined ? '' : String(v)).replace(/\s+/g, '');

/**
 * Problems of the plan's item sheets. `sheets` maps item id → the grid it was read from; `locations`
 * is what gridsToPlan filled in; `meta` gives the relative targets (whose cells hold a formula).
 */
export function checkItems(plan: Plan, sheets: Map<string, Grid>, locations: Locations, meta: PlanMetadata | null, result: PlanResult = evaluatePlan(plan)): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const metaById = new Map((meta?.items ?? []).map((m) => [m.id, m]));
  plan.items.forEach((item, i) => {
    const g = sheets.get(item.id);
    if (!g) return;
    const { helperCols, countRow, countCols } = sheetAnchors(g);
    const ir = result.items[i];
    const push = (p: Omit<CheckProblem, 'sheet' | 'itemId'>) => problems.push({ sheet: g.name, itemId: item.id, ...p });
    const needFormula = (row: number, col: number, what: [string, string], kpi: CheckProblem['kpi'], year: string) => {
      if (g.formula(row, col) !== null) return;
      const shown = g.value(row, col);
      push({
        kind: 'formula',
        address: a1(row, col),
        kpi,
        year,
        ja: `${what[0]}の数式が消えています（${shown === null ? '空欄' : `「${shown}」が入力されています`}）。計算されるセルには入力しないでください`,
        en: `the ${what[1]} formula is gone (${shown === null ? 'blank' : `"${shown}" was typed`}); computed cells are not for typing`,
      });
    };
    item.kpis.forEach((kpi, k) => {
      const kr = ir.kpis[k];
      const where = locations[item.id]?.[kpi.no] ?? {};
      const ref = { no: kpi.no, name: kpi.name };
      for (const year of plan.plan.years) {
        const loc = where[year];
        if (!loc) continue;
        const r = kr.years[year];
        const metaTarget = metaById.get(item.id)?.kpis.find((m) => m.no === kpi.no)?.targets?.[year];
        const relative = metaTarget !== undefined && typeof metaTarget === 'object' && kpi.direction !== 'qualitative';
        // Formulas and error values in the inputs: the same words as export, evaluate and the audit.
        const inputProblems = ([['target', loc.target], ['actual', loc.actual]] as const).flatMap(([role, at]) => {
          const { row, col } = parseA1(at);
          const cell = { g, row, col, role, itemId: item.id, kpi: kpi.no, year };
          const issue = inputCellIssue(cell, role === 'target' && relative);
          return issue ? [{ kind: 'invalid' as const, address: at, kpi: ref, year, ja: issue.ja, en: issue.en }] : [];
        });
        inputProblems.forEach((p) => push(p));
        const actualSaid = inputProblems.some((p) => p.address === loc.actual);
        if (actualSaid) {
          // the actual's problem is said above, in the reader's words
        } else if (r.status === 'invalid') {
          const m = r.problems?.[0];
          push({ kind: 'invalid', address: loc.actual, kpi: ref, year, ja: m?.ja ?? '実績が読めません', en: m?.en ?? 'the actual cannot be read' });
        } else if (r.status === 'noActual' && ir.counts[year]?.status === 'partial') {
          push({
            kind: 'missingActual',
            address: loc.actual,
            kpi: ref,
            year,
            ja: `実績が未入力です（${year} は評価中：他の指標には実績があります）`,
            en: `the actual is missing (${year} is being evaluated: other KPIs have actuals)`,
          });
        }
        if (isDeletedIn(kpi, year)) continue;
        const rate = parseA1(loc.rate);
        const actual = parseA1(loc.actual);
        needFormula(rate.row, rate.col, ['達成率', 'rate'], ref, year);
        const helper = helperCols.get(year);
        if (helper !== undefined) {
          needFormula(rate.row, helper, ['非表示の率', 'hidden percent'], ref, year);
          needFormula(actual.row, helper, ['非表示の達成判定', 'hidden achieved-flag'], ref, year);
        }
        if (relative) {
          const t = parseA1(loc.target);
          needFormula(t.row, t.col, ['前年度実績を参照する目標', 'previous-actual target'], ref, year);
        }
      }
    });
    if (countRow !== null) {
      for (const year of plan.plan.years) {
        const col = countCols.get(year);
        if (col === undefined) continue;
        const expected = ir.counts[year]?.display ?? null;
        const shown = g.value(countRow, col);
        if (g.formula(countRow, col) === null) {
          push({
            kind: 'formula',
            address: a1(countRow, col),
            year,
            ja: `達成件数の数式が消えています（${shown === null ? '空欄' : `「${shown}」が入力されています`}）。再計算では ${expected ?? '空欄'}`,
            en: `the 達成件数 formula is gone (${shown === null ? 'blank' : `"${shown}" was typed`}); recomputed: ${expected ?? 'blank'}`,
          });
        } else if (squash(shown) !== squash(expected)) {
          push({
            kind: 'count',
            address: a1(countRow, col),
            year,
            ja: `達成件数「${shown ?? ''}」が再計算（${expected ?? '空欄'}）と一致しません。再計算（F9）してからもう一度チェックしてください`,
            en: `達成件数 "${shown ?? ''}" disagrees with the recomputation (${expected ?? 'blank'}); recalculate (F9) and check again`,
          });
        }
      }
    }
  });
  return problems;
}

/** The metadata JSON of a workbook's hidden sheet (null when it cannot be read). */
export function metadataFromGrid(g: Grid | null | undefined): PlanMetadata | null {
  if (!g) return null;
  let json = '';
  for (let r = 2; r <= g.rowCount; r++) {
    const v = g.value(r, 1);
    if (v !== null) json += String(v);
  }
  try {
    return JSON.parse(json) as PlanMetadata;
  } catch {
    return null;
  }
}

/** The item id an item sheet holds (its hidden marker in row 1). */
export function itemIdOfGrid(g: Grid): string | null {
  for (const [, t] of rowTexts(g, 1)) if (t.startsWith('hyoka:item:')) return t.slice('hyoka:item:'.length);
  return null;
}

