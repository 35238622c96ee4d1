// Excel's limits, checked on the very workbook layout generate would write (the layouts build cell
// texts, validation prompts, number formats and formulas from plan text: units, targets' words, labels).
// A file over these limits opens only after Excel "repairs" it, dropping the offending parts.
import { a1 } from '../layout/a1';
import type { SheetLayout } from '../layout/types';
import { buildWorkbookLayout, itemSheetNames } from '../layout/workbook';
import type { Layout, Plan } from './plan';
import { jsonPath, type PathPart, type PlanProblem } from './issues';

/** Excel's specifications and limits (Microsoft support, "Excel specifications and limits"; ECMA-376). */
export const EXCEL_LIMITS = {
  cellText: 32767,
  formula: 8192,
  /** A text constant inside a formula, e.g. the words of a relative target: IF(…,…,"前年度以上"). */
  formulaText: 255,
  numberFormat: 255,
  validationTitle: 32,
  validationMessage: 255,
  validationList: 255,
} as const;

interface Finding {
  sheet: string;
  cell: string;
  what: { ja: string; en: string; kind: string };
  /** The text over the limit, to find the plan field it came from. */
  text: string;
}

function over(limit: number, length: number, ja: string, en: string): Finding['what'] {
  return { kind: en, ja: `${ja}が ${length} 文字です（Excel の上限は ${limit} 文字）`, en: `${en} is ${length} characters long (Excel allows ${limit})` };
}

function sheetFindings(sheet: SheetLayout): Finding[] {
  const found: Finding[] = [];
  const L = EXCEL_LIMITS;
  for (const cell of sheet.cells) {
    const at = { sheet: sheet.name, cell: a1(cell.row, cell.col) };
    for (const v of [cell.value, cell.result]) {
      if (typeof v === 'string' && v.length > L.cellText) found.push({ ...at, what: over(L.cellText, v.length, 'セルの文字列', 'the cell text'), text: v });
    }
    if (cell.numFmt && cell.numFmt.length > L.numberFormat) {
      found.push({ ...at, what: over(L.numberFormat, cell.numFmt.length, '表示形式', 'the number format'), text: cell.numFmt });
    }
    if (cell.formula) {
      if (cell.formula.length > L.formula) found.push({ ...at, what: over(L.formula, cell.formula.length, '数式', 'the formula'), text: cell.formula });
      for (const m of cell.formula.matchAll(/"((?:[^"]|"")*)"/g)) {
        const text = m[1].replace(/""/g, '"');
        if (text.length > L.formulaText) found.push({ ...at, what: over(L.formulaText, text.length, '数式中の文字列', 'a text in the formula'), text });
      }
    }
  }
  for (const v of sheet.validations) {
    const at = { sheet: sheet.name, cell: v.ref };
    const texts: [string, number, string, string][] = [
      [v.promptTitle, L.validationTitle, '入力時メッセージのタイトル', 'the input message title'],
      [v.prompt, L.validationMessage, '入力時メッセージ', 'the input message'],
      [v.errorTitle, L.validationTitle, 'エラーメッセージのタイトル', 'the error title'],
      [v.error, L.validationMessage, 'エラーメッセージ', 'the error message'],
      [(v.list ?? []).join(','), L.validationList, '入力規則のリスト', 'the validation list'],
    ];
    for (const [text, limit, ja, en] of texts) if (text.length > limit) found.push({ ...at, what: over(limit, text.length, ja, en), text });
  }
  return found;
}

/** The plan field a derived text came from: a KPI's unit, name or target words inside it, else the item. */
function sourcePath(plan: Plan, itemIndex: number | undefined, text: string): PathPart[] {
  if (itemIndex === undefined) return [];
  const item = plan.items[itemIndex];
  const bare = text.replace(/"/g, '');
  for (let k = 0; k < item.kpis.length; k++) {
    const kpi = item.kpis[k];
    for (const [y, t] of Object.entries(kpi.targets)) {
      const words = typeof t === 'string' ? t.replace(/"/g, '').split(/[0-9０-９,，.．]+/).sort((a, b) => b.length - a.length)[0] : '';
      if (words && words.length > 8 && bare.includes(words)) return ['items', itemIndex, 'kpis', k, 'targets', y];
      if (typeof t === 'object' && t.label && bare.includes(t.label)) return ['items', itemIndex, 'kpis', k, 'targets', y];
    }
    if (kpi.unit && bare.includes(kpi.unit.replace(/"/g, ''))) return ['items', itemIndex, 'kpis', k, 'unit'];
  }
  return ['items', itemIndex];
}

/** Strings of the plan longer than a cell holds, by value, with their paths. */
function longStrings(value: unknown, path: PathPart[], out: Map<string, PathPart[]>): void {
  if (typeof value === 'string') {
    if (value.length > EXCEL_LIMITS.cellText && !out.has(value)) out.set(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => longStrings(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) longStrings(v, [...path, k], out);
  }
}

/** Problems generate would cause in Excel, for the plan's own layout or `options.layout`. */
export function excelLimitProblems(plan: Plan, options: { layout?: Layout } = {}): PlanProblem[] {
  let sheets: SheetLayout[];
  try {
    sheets = buildWorkbookLayout(plan, undefined, options).sheets;
  } catch (e) {
    const why = (e as Error).message;
    return [{ path: '$', ja: `この計画からワークブックを組み立てられません: ${why}`, en: `the workbook cannot be built from this plan: ${why}` }];
  }
  const itemOfSheet = new Map(itemSheetNames(plan.items).map((name, i) => [name, i]));
  const long = new Map<string, PathPart[]>();
  longStrings(plan, [], long);
  const problems: PlanProblem[] = [];
  const reported = new Set<string>(); // one text shown on several sheets is one problem
  for (const sheet of sheets) {
    for (const f of sheetFindings(sheet)) {
      const path = long.get(f.text) ?? sourcePath(plan, itemOfSheet.get(sheet.name), f.text);
      const key = `${jsonPath(path)}|${f.what.kind}|${f.text.length}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({ path: jsonPath(path), ja: `シート「${f.sheet}」${f.cell}: ${f.what.ja}`, en: `sheet "${f.sheet}" ${f.cell}: ${f.what.en}` });
    }
  }
  return problems;
}
