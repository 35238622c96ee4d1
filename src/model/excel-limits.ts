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

function sheetFindings(sheet: SheetLayout): Finding[] {
  const found: Finding[] = [];
  const L = EXCEL_LIMITS;
  let cell = '';
  const check = (text: string | undefined, limit: number, ja: string, en: string) => {
    if (text === undefined || text.length <= limit) return;
    const what = {
      kind: en,
      ja: `${ja}が ${text.length} 文字です（Excel の上限は ${limit} 文字）`,
      en: `${en} is ${text.length} characters long (Excel allows ${limit})`,
    };
    found.push({ sheet: sheet.name, cell, what, text });
  };
  for (const c of sheet.cells) {
    cell = a1(c.row, c.col);
    for (const v of [c.value, c.result]) if (typeof v === 'string') check(v, L.cellText, 'セルの文字列', 'the cell text');
    check(c.numFmt, L.numberFormat, '表示形式', 'the number format');
    check(c.formula, L.formula, '数式', 'the formula');
    for (const m of (c.formula ?? '').matchAll(/"((?:[^"]|"")*)"/g)) {
      check(m[1].replace(/""/g, '"'), L.formulaText, '数式中の文字列', 'a text in the formula');
    }
  }
  for (const v of sheet.validations) {
    cell = v.ref;
    check(v.promptTitle, L.validationTitle, '入力時メッセージのタイトル', 'the input message title');
    check(v.prompt, L.validationMessage, '入力時メッセージ', 'the input message');
    check(v.errorTitle, L.validationTitle, 'エラーメッセージのタイトル', 'the error title');
    check(v.error, L.validationMessage, 'エラーメッセージ', 'the error message');
    check((v.list ?? []).join(','), L.validationList, '入力規則のリスト', 'the validation list');
  }
  return found;
}

/** The longest run of words in a target (「75%以上…」 → 「%以上…」): what a number format keeps of it. */
function targetWords(target: unknown): string {
  if (typeof target !== 'string') return '';
  return target.replace(/"/g, '').split(/[0-9０-９,，.．]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** The plan field a derived text came from: a KPI's target words or unit inside it, else the item. */
function sourcePath(plan: Plan, itemIndex: number | undefined, text: string): PathPart[] {
  if (itemIndex === undefined) return [];
  const bare = text.replace(/"/g, '');
  const kpis = plan.items[itemIndex].kpis;
  for (let k = 0; k < kpis.length; k++) {
    const at = ['items', itemIndex, 'kpis', k];
    for (const [y, t] of Object.entries(kpis[k].targets)) {
      const words = typeof t === 'object' ? (t.label ?? '') : targetWords(t);
      if (words.length > 8 && bare.includes(words)) return [...at, 'targets', y];
    }
    if (kpis[k].unit && bare.includes(kpis[k].unit.replace(/"/g, ''))) return [...at, 'unit'];
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
    return [{ path: '$', ja: `この計画からワークブックを組み立てられません: ${why}`, en: `the workbook cannot be built: ${why}` }];
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
      const where = { ja: `シート「${f.sheet}」${f.cell}`, en: `sheet "${f.sheet}" ${f.cell}` };
      problems.push({ path: jsonPath(path), ja: `${where.ja}: ${f.what.ja}`, en: `${where.en}: ${f.what.en}` });
    }
  }
  return problems;
}
