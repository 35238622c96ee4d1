// The outline of a next plan (SOURCE-LAYOUTS.md §6, seed 003): a 目標・方針 sheet with the hierarchy
// 目標 → 方針 → 実施項目 the 2025–2029 workbooks will follow — each goal with its 区分 (新規/強化/見直し),
// ねらい (▶), 新規・強化のポイント and (取組例), each 方針 with its 区分, and columns No. / 実施項目 / 取組所属
// for the reform office to fill. Items already in the plan are listed under their 方針 (edit them on their
// own sheets); one empty row per 方針 takes the next. Pure data; read back by read/outline-reader.ts.
//
// An outline plan's items, once written, use the Gunma evaluation sheet (the sheet the next cycle's
// 実施計画 is evaluated with), so the 'outline' layout renders items with buildItemSheet.
import type { Goal, Item, Plan } from '../model/plan';
import { formatFiscalYearLabel, fiscalYearNumber } from '../model/fiscal-year';
import type { PlanResult } from '../rules/evaluate';
import { columnLetter } from './a1';
import { SheetBuilder, wrappedHeight } from './grid';
import { buildItemSheet } from './gunma-sheet';
import type { SheetLayout } from './types';

export const OUTLINE_SHEET = '目標・方針';
export const OUTLINE_MARKER = 'hyoka:goals';
/** The hidden column of an item row holds 'hyoka:item:ID': the reader leaves such rows to the item's own sheet. */
export const OUTLINE_ITEM_MARKER = 'hyoka:item:';
export const TAGS = ['新規', '強化', '見直し'] as const;

export const OUTLINE_LABELS = {
  goalNo: '目標',
  goalName: '目標名',
  goalTag: '目標区分',
  summary: 'ねらい',
  points: '新規・強化のポイント',
  policyNo: '方針',
  policyName: '方針名',
  policyTag: '方針区分',
  examples: '取組例',
  itemNo: 'No.',
  itemTitle: '実施項目',
  leadDept: '取組所属',
} as const;

/** Columns, left to right, with their widths (Excel units). */
export const OUTLINE_COLUMNS = [
  ['goalNo', 5],
  ['goalName', 20],
  ['goalTag', 7],
  ['summary', 26],
  ['points', 36],
  ['policyNo', 7],
  ['policyName', 28],
  ['policyTag', 7],
  ['examples', 22],
  ['itemNo', 5],
  ['itemTitle', 36],
  ['leadDept', 16],
] as const;
export type OutlineColumn = (typeof OUTLINE_COLUMNS)[number][0];

const ROMAN = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
/** Goal numbers as the outline prints them: 1 → Ⅰ (up to Ⅻ), then the digits. */
export function romanGoal(no: number): string {
  return no >= 1 && no <= ROMAN.length ? ROMAN[no - 1] : String(no);
}
/** Ⅰ → 1, I → 1 (ASCII), 「目標Ⅱ」 → 2, "5" → 5; null when not a goal number. */
export function unromanGoal(text: string): number | null {
  const t = text.replace(/^目標/, '').trim();
  if (t.length !== 1 && !/^[IVX\d]+$/i.test(t.normalize('NFKC'))) return null;
  const i = ROMAN.indexOf(t);
  if (i >= 0) return i + 1;
  const ascii = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'].indexOf(t.toUpperCase());
  if (ascii >= 0) return ascii + 1;
  return /^\d+$/.test(t.normalize('NFKC')) ? Number(t.normalize('NFKC')) : null;
}
export function policyLabel(no: number): string {
  return `方針${no}`;
}
export function parsePolicyLabel(text: string): number | null {
  const m = /^方針\s*(\d+)$/.exec(text.normalize('NFKC').trim());
  return m ? Number(m[1]) : null;
}

/** Item sheets of an outline plan: the Gunma evaluation sheet (registered as the 'outline' item builder). */
export const buildOutlineItemSheet = buildItemSheet;

/** The extra sheets of the 'outline' layout: the 目標・方針 sheet (works with zero items). */
export function buildOutlineSheets(plan: Plan, _result: PlanResult, _itemSheets: SheetLayout[], _names: string[]): SheetLayout[] {
  return [buildOutlineSheet(plan)];
}

export function buildOutlineSheet(plan: Plan): SheetLayout {
  const goals: Goal[] = plan.goals ?? goalsFromItems(plan.items);
  const b = new SheetBuilder(OUTLINE_SHEET, 'overview');
  const S = b.layout;
  const col = Object.fromEntries(OUTLINE_COLUMNS.map(([k], i) => [k, i + 1])) as Record<OutlineColumn, number>;
  const lastCol = OUTLINE_COLUMNS.length;
  const markerCol = lastCol + 2;
  S.columns = [...OUTLINE_COLUMNS.map(([, width]) => ({ width })), { width: 2, hidden: true }, { width: 14, hidden: true }];
  const widthOf = (k: OutlineColumn) => OUTLINE_COLUMNS[col[k] - 1][1];

  // 1. Title, period, marker.
  const years = plan.plan.years;
  b.put(1, 1, `${plan.plan.title}　${OUTLINE_SHEET}`, 'title', { cols: 9 });
  b.put(1, 10, plan.plan.asOf ?? '', 'titleRight', { cols: lastCol - 9 });
  b.put(1, markerCol, OUTLINE_MARKER, 'helper');
  b.height(1, 24);
  const first = years[0];
  const last = years[years.length - 1];
  b.put(2, 1, `推進期間　${formatFiscalYearLabel(first)}～${formatFiscalYearLabel(last)}（${fiscalYearNumber(first)}年度～${fiscalYearNumber(last)}年度）　目標 ${goals.length}・方針 ${goals.reduce((n, g) => n + g.policies.length, 0)}・実施項目 ${plan.items.length}`, 'section', { cols: lastCol });
  b.height(2, 18);

  // 2. Header.
  const h = 4;
  for (const [k] of OUTLINE_COLUMNS) b.put(h, col[k], OUTLINE_LABELS[k], 'header');
  b.height(h, 22);

  // 3. One block per goal: goal cells merged over its rows; one block per 方針 inside it.
  let row = h + 1;
  const itemsOf = (goalNo: number, policyNo: number) => plan.items.filter((it) => it.goal.no === goalNo && it.reform.no === policyNo);
  for (const goal of goals) {
    const top = row;
    const policies = goal.policies.length ? goal.policies : [null];
    for (const policy of policies) {
      const items: Item[] = policy ? itemsOf(goal.no, policy.no) : [];
      const rows = items.length + 1;
      const ptop = row;
      if (policy) {
        b.put(row, col.policyNo, policyLabel(policy.no), 'valueCenter', { rows });
        b.put(row, col.policyName, policy.name, 'inputText', { rows });
        b.put(row, col.policyTag, policy.tag ?? '', 'inputCenter', { rows });
      } else {
        for (const k of ['policyNo', 'policyName', 'policyTag'] as const) b.put(row, col[k], '', k === 'policyNo' ? 'valueCenter' : 'inputText', { rows });
      }
      S.validations.push(tagValidation(ptop, col.policyTag));
      tagColours(S, ptop, col.policyTag);
      for (const item of items) {
        b.put(row, col.itemNo, item.no, 'valueCenter');
        b.put(row, col.itemTitle, item.title, 'value');
        b.put(row, col.leadDept, item.leadDept, 'value');
        b.put(row, markerCol, `${OUTLINE_ITEM_MARKER}${item.id}`, 'helper');
        b.height(row, Math.max(wrappedHeight([item.title], widthOf('itemTitle'), 9, 18), wrappedHeight([item.leadDept], widthOf('leadDept'), 9, 18)));
        row += 1;
      }
      // The empty row a reform office writes the next 実施項目 into.
      b.put(row, col.itemNo, '', 'inputCenter');
      b.put(row, col.itemTitle, '', 'inputText');
      b.put(row, col.leadDept, '', 'inputText');
      S.validations.push({ ref: `${columnLetter(col.itemNo)}${row}`, type: 'decimal', promptTitle: 'No.', prompt: '実施項目の番号（空欄なら書き出し時に採番）', errorTitle: '数値ではありません', error: '番号は数値で入力してください。' });
      b.height(row, 22);
      row += 1;
      const need = policy ? wrappedHeight([policy.name], widthOf('policyName'), 9, 22) : 22;
      spread(b, ptop, row - 1, need);
    }
    const rows = row - top;
    b.put(top, col.goalNo, romanGoal(goal.no), 'label', { rows });
    b.put(top, col.goalName, goal.name, 'inputText', { rows });
    b.put(top, col.goalTag, goal.tag ?? '', 'inputCenter', { rows });
    b.put(top, col.summary, goal.summary ?? '', 'inputText', { rows });
    b.put(top, col.points, goal.points ?? '', 'inputTextSmall', { rows });
    b.put(top, col.examples, goal.examples ?? '', 'inputText', { rows });
    S.validations.push(tagValidation(top, col.goalTag));
    tagColours(S, top, col.goalTag);
    const need = Math.max(
      wrappedHeight([goal.name], widthOf('goalName'), 9),
      wrappedHeight([goal.summary], widthOf('summary'), 9),
      wrappedHeight([goal.points], widthOf('points'), 8),
      wrappedHeight([goal.examples], widthOf('examples'), 9),
    );
    spread(b, top, row - 1, need);
  }
  if (goals.length === 0) {
    b.put(row, 1, '目標がまだありません。plan.goals に目標と方針を書いてから作成してください。', 'labelLeft', { cols: lastCol });
    row += 1;
  }
  b.put(row + 1, 1, '区分は 新規・強化・見直し（空欄は区分なし）。実施項目・取組所属を空欄の行に書くと、書き出し（hyoka export）で実施項目になります。既にある実施項目はそれぞれのシートで編集します。', 'labelLeft', { cols: lastCol });
  b.height(row + 1, 30);

  S.freeze = { row: h, col: 0 };
  S.print = {
    paper: 'A3',
    landscape: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: [h, h],
    header: plan.plan.title,
    footer: OUTLINE_SHEET,
    printArea: `A1:${columnLetter(lastCol)}${row + 1}`,
  };
  S.tabColor = 'FF548235';
  return S;
}

/** 新規 green, 強化 blue, 見直し yellow: the tags stand out as on the source's badges. */
function tagColours(S: SheetLayout, row: number, col: number): void {
  const ref = `${columnLetter(col)}${row}`;
  const looks = [['新規', 'achieved'], ['強化', 'scheduled'], ['見直し', 'missing']] as const;
  looks.forEach(([tag, look], i) => S.conditionalFormats.push({ ref, formula: `${ref}="${tag}"`, look, priority: i + 1 }));
}

function tagValidation(row: number, col: number) {
  return { ref: `${columnLetter(col)}${row}`, type: 'list' as const, list: [...TAGS], promptTitle: '区分', prompt: '新規・強化・見直し のいずれか（なければ空欄）', errorTitle: '区分', error: '区分は「新規」「強化」「見直し」のいずれかです。' };
}

/** Raises the rows top…bottom evenly until together they are at least `points` high. */
function spread(b: SheetBuilder, top: number, bottom: number, points: number): void {
  const rows = bottom - top + 1;
  const have = Array.from({ length: rows }, (_, i) => b.layout.rowHeights[top + i] ?? 15).reduce((a, c) => a + c, 0);
  if (have >= points) return;
  const extra = Math.ceil((points - have) / rows);
  for (let r = top; r <= bottom; r++) b.height(r, (b.layout.rowHeights[r] ?? 15) + extra);
}

/** A plan without plan.goals: its goals and 方針 as its items name them. */
function goalsFromItems(items: Item[]): Goal[] {
  const goals: Goal[] = [];
  for (const it of items) {
    let g = goals.find((x) => x.no === it.goal.no);
    if (!g) goals.push((g = { no: it.goal.no, name: it.goal.name, policies: [] }));
    if (!g.policies.some((p) => p.no === it.reform.no)) g.policies.push({ no: it.reform.no, name: it.reform.name });
  }
  return goals;
}
