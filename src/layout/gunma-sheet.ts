// The Gunma evaluation sheet (spec §3): one sheet per 実施項目, A3 landscape, top to bottom —
// title, header, narrative, 【指標（ＫＰＩ）】 with live rates, 【具体的取組及び工程】 by quarter,
// and 年度ごとの実施結果評価 with a live 達成件数 x / y. Pure data: see layout/types.ts.
import type { Item, Kpi, PlanHeader } from '../model/plan';
import type { z } from 'zod';
import type { Kgi } from '../model/plan';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import type { ItemResult } from '../rules/evaluate';
import { isDeletedIn } from '../rules/evaluate';
import { parseTarget } from '../rules/parse-target';
import { a1, columnLetter, rangeA1 } from './a1';
import { countFormula, displayFormula, flagFormula, missingActualRule, percentFormula, relativeTargetFormula, relativeTargetResult, type KpiYearRefs } from './formulas';
import { circled, SheetBuilder, wrappedHeight, emptyAnchors } from './grid';
import { numberFormatFor, targetNumberFormat } from './number-format';
import type { ItemAnchors, SheetLayout } from './types';
import { cellText } from './text';

// Columns (1-based). Years take four quarter columns each, so the KPI table and the schedule align.
export const COL = { no: 1, name: 2, kgi: 3, kind: 4, unit: 5, base: 6, firstYear: 7 } as const;
const QUARTER_WIDTH = 7.5;
const LEFT_WIDTHS = [9, 34, 5, 7, 7, 10];

export const LABELS = {
  kpiSection: '【指標（ＫＰＩ）】',
  baseYear: '【基準年】',
  target: '目標',
  rate: '達成率',
  actual: '実績',
  reference: '参考指標',
  scheduleSection: '【具体的取組及び工程】',
  plan: '計画',
  result: '結果',
  evaluationSection: '年度ごとの実施結果評価',
  count: '達成件数',
  factors: '要因分析\n（取組目標や計画した具体的工程の達成要因・促進要因／達成できなかった阻害要因・問題点）',
  nextYearIssues: '次年度への課題\n（当年度取組を行った中で判明した次年度以降の取組を進める上での阻害要因・留意点）',
  response: '課題を踏まえての対応\n（次年度以降の取組目標や具体的工程の修正点）',
  deleted: '削除',
  remarks: '備考',
  targetChangeValue: '目標変更（新しい目標値）',
  targetChangeReason: '目標変更の理由',
  scheduled: '■',
} as const;

export interface ItemSheetInput {
  header: PlanHeader;
  kgis: z.infer<typeof Kgi>[];
  item: Item;
  result: ItemResult;
  sheetName: string;
}

/**
 * A quarter cell: ■ when planned or done, then its note. A note of an unmarked quarter that itself
 * starts with ■ would read back as a mark: its cell starts with an invisible U+200B instead, and the
 * note travels in the metadata (record).
 */
export function quarterText(marked: boolean, note: string, record: (text: string, shown: string) => void): string {
  if (marked || !note.startsWith(LABELS.scheduled)) return (marked ? LABELS.scheduled : '') + note;
  const shown = `\u200b${note}`;
  record(note, cellText(shown));
  return shown;
}

export function yearCol(index: number): number {
  return COL.firstYear + index * 4;
}

export function buildItemSheet({ header, item, result, sheetName }: ItemSheetInput): SheetLayout {
  const years = header.years;
  const lastCol = yearCol(years.length) - 1;
  const helperCol = (i: number) => lastCol + 2 + i; // one hidden spacer, then one helper column per year
  const metaCol = helperCol(years.length);
  const b = new SheetBuilder(sheetName, 'item');
  const L = b.layout;
  L.columns = [
    ...LEFT_WIDTHS.map((width) => ({ width })),
    ...years.flatMap(() => [1, 2, 3, 4].map(() => ({ width: QUARTER_WIDTH }))),
    { width: 2, hidden: true },
    ...years.map(() => ({ width: 9, hidden: true })),
    { width: 9, hidden: true },
  ];
  const yearSpan = { cols: 4 };
  const half = COL.firstYear + years.length * 2; // narrative and header split points
  const anchors: ItemAnchors = emptyAnchors(item.id, years, COL.base);
  years.forEach((y, i) => {
    anchors.yearCols[y] = yearCol(i);
    anchors.helperCols[y] = helperCol(i);
    anchors.quarterCols[y] = [0, 1, 2, 3].map((q) => yearCol(i) + q) as [number, number, number, number];
  });

  // 1. Title line: plan name, and 目標 / 改革 / 実施項目 numbers.
  b.put(1, 1, header.title, 'title', { cols: half - 1 });
  b.put(1, half, `目標 ${item.goal.no} ／ 改革 ${item.reform.no} ／ 実施項目 (${item.no})`, 'titleRight', { cols: lastCol - half + 1 });
  b.height(1, 24);
  L.legendRow = 2; // free between the title and the header: a locked sheet's 入力欄 legend

  // 2. Header: 目標, 改革, 実施項目 with 取組所属, 関係所属, 官民データ活用推進計画対応.
  const rightLabel = yearCol(Math.min(1, years.length - 1));
  const headerRows: [string, string, string, string][] = [
    ['目　標', item.goal.name, '取組所属', item.leadDept],
    ['改　革', item.reform.name, '関係所属', item.relatedDepts],
    ['実施項目', item.title, '官民データ活用\n推進計画対応', item.dataUtilization ? '◎' : ''],
  ];
  headerRows.forEach(([label, value, rLabel, rValue], i) => {
    const row = 3 + i;
    b.put(row, 1, label, 'label');
    b.put(row, 2, value, 'value', { cols: rightLabel - 2 });
    b.put(row, rightLabel, rLabel, 'label', { cols: 4 });
    b.put(row, rightLabel + 4, rValue, i === 2 ? 'valueCenter' : 'value', { cols: lastCol - rightLabel - 3 });
    b.height(row, wrappedHeight([value, rValue], 40, 9, i === 2 ? 24 : 18));
  });

  // 3. Narrative: 現状, 問題・課題, 改革内容 side by side (clerks' input).
  const narrativeBlocks: [number, number, string, string][] = [
    [1, COL.firstYear - 1, '【現状（令和2年12月時点）】', item.situation],
    [COL.firstYear, half - 1, '【問題・課題（令和2年12月時点）】', item.problems],
    [half, lastCol, '【改革内容】', item.reformContent],
  ];
  anchors.narrativeRow = 8;
  for (const [from, to, label, text] of narrativeBlocks) {
    b.put(7, from, label, 'header', { cols: to - from + 1 });
    b.put(8, from, text, 'inputText', { cols: to - from + 1 });
  }
  b.height(8, wrappedHeight(narrativeBlocks.map((n) => n[3]), 72, 9, 60));

  // 4. 【指標（ＫＰＩ）】
  let row = 10;
  b.put(row, 1, LABELS.kpiSection, 'section', { cols: 4 });
  row += 1;
  anchors.headerRow = row;
  b.put(row, COL.no, '取組\n目標', 'header');
  b.put(row, COL.name, '指標項目', 'header');
  b.put(row, COL.kgi, 'ＫＧＩ', 'header');
  b.put(row, COL.kind, '目標\n実績', 'header');
  b.put(row, COL.unit, '単位', 'header');
  b.put(row, COL.base, `${LABELS.baseYear}\n${formatFiscalYearLabel(header.baseYear)}`, 'header');
  years.forEach((y, i) => b.put(row, yearCol(i), formatFiscalYearLabel(y), 'header', yearSpan));
  years.forEach((y, i) => b.put(row, helperCol(i), `率・判定 ${y}`, 'helper'));
  b.put(row, metaCol, 'hyoka', 'helper');
  b.height(row, 26);
  row += 1;

  const flagsByYear: Record<string, string[]> = Object.fromEntries(years.map((y) => [y, []]));
  const missingRules: { kpi: Kpi; refs: KpiYearRefs; col: number }[] = [];
  item.kpis.forEach((kpi, k) => {
    const kr = result.kpis[k];
    const [tRow, rRow, aRow] = [row, row + 1, row + 2];
    anchors.kpis.push({ no: kpi.no, targetRow: tRow, rateRow: rRow, actualRow: aRow });
    const fmt = numberFormatFor(kpi);
    b.put(tRow, COL.no, circled(kpi.no), 'valueCenter', { rows: 3 });
    b.put(tRow, COL.name, kpi.name, 'value', { rows: 3 });
    b.put(tRow, COL.kgi, kpi.kgi ?? '', 'valueCenter', { rows: 3 });
    b.put(tRow, COL.kind, LABELS.target, 'labelSmall');
    b.put(rRow, COL.kind, LABELS.rate, 'labelSmall');
    b.put(aRow, COL.kind, LABELS.actual, 'labelSmall');
    b.put(tRow, COL.unit, kpi.unit, 'valueCenter', { rows: 3 });
    b.put(tRow, COL.base, '－', 'valueCenter');
    b.put(rRow, COL.base, '', 'valueCenter');
    const baseline = kpi.baseline ?? '';
    b.put(aRow, COL.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: typeof baseline === 'number' ? fmt : undefined });
    const kpiRowHeight = Math.max(14, wrappedHeight([kpi.name], 34, 9, 15) / 3);
    for (const r of [tRow, rRow, aRow]) b.height(r, kpiRowHeight);

    years.forEach((y, i) => {
      const col = yearCol(i);
      const refs: KpiYearRefs = { target: a1(tRow, col), actual: a1(aRow, col), percent: a1(rRow, helperCol(i)), flag: a1(aRow, helperCol(i)) };
      const ky = kr.years[y];
      const deleted = isDeletedIn(kpi, y);
      const rawTarget = kpi.targets[y];
      const spec = parseTarget(rawTarget ?? null, kpi.direction, kpi.strict);
      // Target: a number (its words kept in the number format), the words, or a live relative target.
      if (spec.kind === 'relative' && kpi.direction !== 'qualitative') {
        const [prevRow, prevCol] = i === 0 ? [aRow, COL.base] : [aRow, yearCol(i - 1)];
        const prev = a1(prevRow, prevCol);
        const cached = relativeTargetResult(b.valueAt(prevRow, prevCol), spec.label); // what the formula gives
        b.formula(tRow, col, relativeTargetFormula(prev, spec.label), cached, 'computedNumber', { ...yearSpan, numFmt: fmt });
      } else if (spec.kind === 'number' && kpi.direction !== 'qualitative') {
        b.put(tRow, col, spec.value, 'inputNumber', { ...yearSpan, numFmt: targetNumberFormat(rawTarget, spec.value, fmt) });
        L.validations.push({ ref: a1(tRow, col), type: 'decimal', promptTitle: '目標', prompt: `数値で入力してください（単位：${kpi.unit || 'なし'}）`, errorTitle: '数値ではありません', error: '目標は数値で入力してください（「以上」「未満」などは表示形式で付きます）。' });
      } else {
        const text = rawTarget === undefined ? (deleted ? LABELS.deleted : '') : String(typeof rawTarget === 'object' ? spec.kind === 'relative' ? spec.label : '' : rawTarget);
        b.put(tRow, col, text, kpi.direction === 'qualitative' ? 'inputCenter' : 'inputCenter', yearSpan);
      }
      const actual = kpi.actuals[y];
      const actualFmt = typeof actual === 'number' || actual === undefined ? fmt : undefined;
      const actualStyle = typeof actual === 'number' ? 'inputNumber' : 'inputCenter';
      b.put(aRow, col, actual ?? '', actualStyle,
        { ...yearSpan, numFmt: actualFmt, input: { year: y, field: 'actual' } });
      if (deleted) {
        // A deleted indicator no longer counts: no rate, no flag.
        b.put(rRow, col, '', 'rate', yearSpan);
        return;
      }
      const comparator = ky.comparator ?? (kpi.direction === 'lower' ? (kpi.strict ? 'lt' : 'le') : kpi.strict ? 'gt' : 'ge');
      b.formula(rRow, helperCol(i), percentFormula(kpi, refs), ky.rate ?? '', 'helper');
      b.formula(aRow, helperCol(i), flagFormula(kpi, comparator, refs), ky.achieved === null ? '' : ky.achieved ? 1 : 0, 'helper');
      b.formula(rRow, col, displayFormula(kpi, refs, header.grading), ky.display ?? '', 'rate', yearSpan);
      flagsByYear[y].push(refs.flag);
      anchors.flags[y].push({ row: aRow, col: helperCol(i) });
      L.conditionalFormats.push(
        { ref: a1(rRow, col), formula: `${refs.flag}=1`, look: 'achieved', priority: 1 },
        { ref: a1(rRow, col), formula: `${refs.flag}=0`, look: 'missed', priority: 2 },
      );
      missingRules.push({ kpi, refs, col });
      L.validations.push(
        kpi.direction === 'qualitative'
          ? { ref: refs.actual, type: 'list', list: ['達成', '未達成'], promptTitle: '実績', prompt: '達成 または 未達成 を選んでください', errorTitle: '入力できません', error: '実績は「達成」か「未達成」です。' }
          : { ref: refs.actual, type: 'decimal', promptTitle: '実績', prompt: `数値で入力してください（単位：${kpi.unit || 'なし'}）。該当なしは「－」`, errorTitle: '数値ではありません', error: '実績は数値で入力してください（単位は列に表示されています）。' },
      );
    });
    row += 3;
  });

  // 参考指標: actuals only, never evaluated or counted.
  item.referenceIndicators.forEach((ref, index) => {
    anchors.references.push({ index, row });
    const fmt = numberFormatFor({ actuals: ref.actuals, baseline: ref.baseline, targets: {} });
    b.put(row, COL.no, index === 0 ? LABELS.reference : '', 'labelSmall');
    b.put(row, COL.name, ref.name, 'value');
    b.put(row, COL.kgi, '', 'valueCenter');
    b.put(row, COL.kind, LABELS.actual, 'labelSmall');
    b.put(row, COL.unit, ref.unit, 'valueCenter');
    const baseline = ref.baseline ?? '';
    b.put(row, COL.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: fmt });
    years.forEach((y, i) => {
      const v = ref.actuals[y];
      const input = { year: y, field: 'reference' } as const;
      b.put(row, yearCol(i), v ?? '', typeof v === 'number' ? 'inputNumber' : 'inputCenter',
        { ...yearSpan, numFmt: fmt, input });
    });
    b.height(row, wrappedHeight([ref.name], 34, 9, 15));
    row += 1;
  });

  // 5. 【具体的取組及び工程】: 計画 / 結果 per quarter.
  row += 1;
  b.put(row, 1, LABELS.scheduleSection, 'section', { cols: 4 });
  row += 1;
  b.put(row, COL.no, '関連\n目標', 'header', { rows: 2 });
  b.put(row, COL.name, '具体的取組', 'header', { rows: 2, cols: 4 });
  b.put(row, COL.base, '計画\n結果', 'header', { rows: 2 });
  years.forEach((y, i) => {
    b.put(row, yearCol(i), formatFiscalYearLabel(y), 'header', yearSpan);
    [1, 2, 3, 4].forEach((q) => b.put(row + 1, yearCol(i) + q - 1, `${q}四半期`, 'headerSmall'));
  });
  row += 2;
  const standIn = (at: (string | number)[]) => (text: string, shown: string) =>
    void (L.standIns ??= []).push({ at, text, shown });
  item.schedule.forEach((task, index) => {
    anchors.schedule.push({ index, planRow: row, resultRow: row + 1 });
    b.put(row, COL.no, task.relatedKpis.map(circled).join(''), 'valueCenter', { rows: 2 });
    b.put(row, COL.name, task.task, 'inputTextSmall', { rows: 2, cols: 4 });
    b.put(row, COL.base, LABELS.plan, 'labelSmall');
    b.put(row + 1, COL.base, LABELS.result, 'labelSmall');
    for (const [line, quarters, notes, look, field] of [
      [row, task.plan, task.planNotes, 'scheduled', 'planNotes'],
      [row + 1, task.result, task.resultNotes, 'done', 'resultNotes'],
    ] as const) {
      years.forEach((y, i) => {
        for (const q of [1, 2, 3, 4] as const) {
          const marked = quarters[y]?.includes(q) ?? false;
          const note = notes?.[y]?.[String(q) as '1'] ?? '';
          const record = standIn(['schedule', index, field, y, String(q)]);
          const input = field === 'resultNotes' ? ({ year: y, field: 'scheduleResult' } as const) : undefined;
          b.put(line, yearCol(i) + q - 1, quarterText(marked, note, record), 'quarter', { input });
        }
      });
      L.conditionalFormats.push({ ref: rangeA1(line, COL.firstYear, line, lastCol), formula: `LEN(${a1(line, COL.firstYear)})>0`, look, priority: 3 });
      b.height(line, wrappedHeight([task.task], 30, 8, 18) / 2 + 2);
    }
    row += 2;
  });

  // 6. 年度ごとの実施結果評価: 達成件数 x / y (live), 要因分析, 次年度への課題, 課題を踏まえての対応.
  row += 1;
  b.put(row, 1, LABELS.evaluationSection, 'header', { cols: COL.base });
  years.forEach((y, i) => b.put(row, yearCol(i), formatFiscalYearLabel(y), 'header', yearSpan));
  row += 1;
  anchors.countRow = row;
  b.put(row, 1, LABELS.count, 'label', { cols: COL.base });
  years.forEach((y, i) => b.formula(row, yearCol(i), countFormula(flagsByYear[y]), result.counts[y].display ?? '', 'count', yearSpan));
  b.height(row, 20);
  for (const { kpi, refs, col } of missingRules) {
    L.conditionalFormats.push({ ref: refs.actual, formula: missingActualRule(kpi, refs, a1(anchors.countRow, col, true)), look: 'missing', priority: 4 });
  }
  row += 1;
  const evalFields = [
    ['factors', LABELS.factors],
    ['nextYearIssues', LABELS.nextYearIssues],
    ['response', LABELS.response],
  ] as const;
  for (const [field, label] of evalFields) {
    anchors.evaluationRows[field] = row;
    b.put(row, 1, label, 'labelLeft', { cols: COL.base });
    const texts = years.map((y) => item.evaluations[y]?.[field]);
    years.forEach((y, i) => b.put(row, yearCol(i), texts[i] ?? '', 'inputTextSmall',
      { ...yearSpan, input: { year: y, field: 'evaluation' } }));
    b.height(row, Math.max(wrappedHeight(texts, 4 * QUARTER_WIDTH, 8, 48), wrappedHeight([label], 60, 8)));
    row += 1;
  }

  row = remarksAndTargetChanges(b, { item, years, row, labelCols: COL.base, yearCol, yearCols: 4, width: 4 * QUARTER_WIDTH });

  // Hidden marker: lets a reader find this item after sheets are renamed or reordered.
  b.put(1, metaCol, `hyoka:item:${item.id}`, 'helper');

  L.anchors = anchors;
  L.freeze = undefined;
  L.print = {
    paper: 'A3',
    landscape: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: [1, 1],
    header: header.title,
    footer: sheetName,
    printArea: `A1:${columnLetter(lastCol)}${row - 1}`,
  };
  return L;
}

/**
 * 備考 (free remarks per year) and, per KPI, 目標変更: the new target a department asks for and why —
 * round-year inputs, so a target is never typed over (issue 11.2). Labels in column A over `labelCols`
 * columns, one block of `yearCols` columns per year. Returns the row after them. The Saitama sheet too.
 */
interface RequestRows {
  item: Item;
  years: string[];
  row: number;
  labelCols: number;
  yearCol: (index: number) => number;
  yearCols: number;
  /** Width of one year's block, for the row heights. */
  width: number;
}

export function remarksAndTargetChanges(b: SheetBuilder, at: RequestRows): number {
  const { item, years, labelCols, yearCol, width } = at;
  let row = at.row;
  const yearSpan = { cols: at.yearCols };
  const texts = years.map((y) => item.remarks?.[y]);
  b.put(row, 1, LABELS.remarks, 'labelLeft', { cols: labelCols });
  years.forEach((y, i) => b.put(row, yearCol(i), texts[i] ?? '', 'inputTextSmall',
    { ...yearSpan, input: { year: y, field: 'remarks' } }));
  b.height(row, wrappedHeight(texts, width, 8, 30));
  row += 1;
  for (const kpi of item.kpis) {
    const requests = years.map((y) => kpi.targetChangeRequests?.[y]);
    const input = (y: string) => ({ year: y, field: 'targetChange' }) as const;
    b.put(row, 1, `${circled(kpi.no)} ${LABELS.targetChangeValue}`, 'labelLeft', { cols: labelCols });
    years.forEach((y, i) => {
      const value = requests[i]?.value;
      b.put(row, yearCol(i), value ?? '', typeof value === 'number' ? 'inputNumber' : 'inputCenter',
        { ...yearSpan, input: input(y) });
    });
    b.put(row + 1, 1, `${circled(kpi.no)} ${LABELS.targetChangeReason}`, 'labelLeft', { cols: labelCols });
    const reasons = requests.map((r) => r?.reason);
    years.forEach((y, i) => b.put(row + 1, yearCol(i), reasons[i] ?? '', 'inputTextSmall',
      { ...yearSpan, input: input(y) }));
    b.height(row + 1, wrappedHeight(reasons, width, 8, 18));
    row += 2;
  }
  return row;
}
