// The Saitama 行財政改革行動計画 取組項目 (seed 000) as an evaluation sheet, A4 portrait, one sheet per
// item. Top to bottom as the source prints it — Ｎｏ．/主担当部局/関係部局, 項目名, 取組内容, 目標, 工程,
// 期待される効果 — with what the yearly evaluation needs added: a 実績 row under each target with the live
// rate and 達成 judgement (the same formulas as the Gunma sheet, layout/formulas.ts), 達成件数 x / y per
// year, the expected effects computed live from the year's target and actual, and 年度ごとの評価.
// Pure data: see layout/types.ts. Read back by src/read/saitama-reader.ts.
import type { ExpectedEffect, Item, Kpi } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { isDeletedIn } from '../rules/evaluate';
import { parseTarget } from '../rules/parse-target';
import { effectFormula, effectFormulaText, evaluateEffects, hasFormula } from '../rules/effects';
import { a1, columnLetter } from './a1';
import { countFormula, displayFormula, flagFormula, missingActualRule, percentFormula, relativeTargetFormula, relativeTargetResult, type KpiYearRefs } from './formulas';
import { circled, SheetBuilder, wrappedHeight, emptyAnchors } from './grid';
import { remarksAndTargetChanges, type ItemSheetInput } from './gunma-sheet';
import { numberFormatFor, targetNumberFormat } from './number-format';
import type { ItemAnchors, SheetLayout } from './types';

/** Columns: 番号, 目標 (name), 区分, 単位, ＜現状＞, then one column per year. */
export const SCOL = { no: 1, name: 2, kind: 3, unit: 4, base: 5, firstYear: 6 } as const;
const WIDTHS = { no: 7, name: 28, kind: 7, unit: 8, base: 10, year: 15 };

export const SLABELS = {
  no: 'Ｎｏ．',
  lead: '主担当部局',
  related: '関係部局',
  title: '項目名',
  content: '取組内容',
  goals: '【目標】',
  noHeader: '番号',
  nameHeader: '目標',
  kindHeader: '区分',
  unitHeader: '単位',
  baseline: '＜現状＞',
  target: '＜目標＞',
  rate: '達成率',
  actual: '実績',
  reference: '参考指標',
  periodTarget: '期間目標',
  finalTarget: '最終目標',
  count: '達成件数（達成／評価）',
  schedule: '【工程】',
  measure: '具体的方策',
  effects: '【期待される効果】',
  effectTarget: '目標から',
  effectActual: '実績から',
  printed: '計画値',
  formula: '式',
  evaluation: '【年度ごとの評価】',
  factors: '要因分析',
  nextYearIssues: '次年度への課題',
  response: '課題を踏まえての対応',
  /** A target cell whose goal is the indicator itself (a statement with no yearly text). */
  sameAsName: '（左記のとおり）',
  deleted: '削除',
} as const;

/** How the sheet writes a fiscal year: Ｒ２年度, Ｒ１年度, Ｈ30年度 (full-width single digits, as seed 000 prints them). */
export function saitamaYearLabel(fy: string): string {
  const m = /^([RH])(\d+)$/.exec(parseFiscalYear(fy) ?? fy);
  if (!m) return fy;
  const era = m[1] === 'R' ? 'Ｒ' : 'Ｈ';
  const n = m[2].length === 1 ? String.fromCharCode(0xff10 + Number(m[2])) : m[2];
  return `${era}${n}年度`;
}

/** The hierarchy line: 「１．県庁のＩＣＴ化・働き方改革　＞　１－１ 県庁のＩＣＴ化　＞　⑴ ＡＩ・ＲＰＡ等の更なる活用」. */
export function hierarchyLine(item: Item): string {
  const parts = [`${fullWidth(String(item.goal.no))}．${item.goal.name}`];
  if (item.section) parts.push(`${fullWidth(item.section.code)} ${item.section.name}`);
  parts.push(`${parenthesised(item.reform.code ?? String(item.reform.no))} ${item.reform.name}`);
  return parts.join('　＞　');
}

/** 1-1 → １－１ (the source's digits). */
function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, '－');
}

/** ⑴ → （１）: the parenthesised digits are missing from some printing fonts. */
function parenthesised(code: string): string {
  return code.replace(/[\u2474-\u2487]/g, (c) => `（${fullWidth(String(c.charCodeAt(0) - 0x2473))}）`).replace(/^(\d+)$/, (_, n: string) => `（${fullWidth(n)}）`);
}

/** Cells of the expected effects, for tests and hosts: per effect and year, the target- and actual-based cells. */
export interface EffectCells {
  index: number;
  year: string;
  basis: 'target' | 'actual';
  row: number;
  col: number;
}
export const EFFECT_CELLS = new WeakMap<SheetLayout, EffectCells[]>();

function yearCol(i: number): number {
  return SCOL.firstYear + i;
}

/** The qualitative target shown in a cell: the statement itself reads 「（左記のとおり）」 beside its name. */
export function shownTarget(kpi: Pick<Kpi, 'name' | 'direction'>, raw: string): string {
  return kpi.direction === 'qualitative' && raw.trim() === kpi.name.trim() ? SLABELS.sameAsName : raw;
}

export function buildSaitamaSheet({ header, item, result, sheetName }: ItemSheetInput): SheetLayout {
  const years = header.years;
  const lastCol = yearCol(years.length) - 1;
  const helperCol = (i: number) => lastCol + 2 + i;
  const metaCol = helperCol(years.length);
  const b = new SheetBuilder(sheetName, 'item');
  const L = b.layout;
  L.columns = [
    { width: WIDTHS.no },
    { width: WIDTHS.name },
    { width: WIDTHS.kind },
    { width: WIDTHS.unit },
    { width: WIDTHS.base },
    ...years.map(() => ({ width: WIDTHS.year })),
    { width: 2, hidden: true },
    ...years.map(() => ({ width: 9, hidden: true })),
    { width: 9, hidden: true },
  ];
  const yearWidth = WIDTHS.year;
  const wideWidth = WIDTHS.name + WIDTHS.kind + WIDTHS.unit + WIDTHS.base + years.length * yearWidth;
  const anchors: ItemAnchors = emptyAnchors(item.id, years, SCOL.base);
  years.forEach((y, i) => {
    anchors.yearCols[y] = yearCol(i);
    anchors.helperCols[y] = helperCol(i);
  });

  // 1. Title, the hierarchy, and the item header as the source prints it.
  b.put(1, 1, header.title, 'title', { cols: lastCol - 2 });
  b.put(1, lastCol - 1, `取組項目 ${item.code ?? `No.${item.no}`}`, 'titleRight', { cols: 2 });
  b.height(1, 22);
  b.put(2, 1, hierarchyLine(item), 'section', { cols: lastCol });
  b.height(2, 18);
  const relatedLabel = lastCol - 1;
  b.put(4, SCOL.no, SLABELS.no, 'label');
  b.put(4, SCOL.name, item.no, 'valueCenter');
  b.put(4, SCOL.kind, SLABELS.lead, 'label', { cols: 2 });
  b.put(4, SCOL.base, item.leadDept, 'value', { cols: relatedLabel - SCOL.base });
  b.put(4, relatedLabel, SLABELS.related, 'label');
  b.put(4, lastCol, item.relatedDepts, 'value');
  b.height(4, wrappedHeight([item.leadDept, item.relatedDepts], yearWidth, 9, 20));
  b.put(5, SCOL.no, SLABELS.title, 'label');
  b.put(5, SCOL.name, item.title, 'value', { cols: lastCol - 1 });
  b.height(5, wrappedHeight([item.title], wideWidth, 9, 22));
  anchors.narrativeRow = 6;
  b.put(6, SCOL.no, SLABELS.content, 'label');
  b.put(6, SCOL.name, item.reformContent, 'inputText', { cols: lastCol - 1 });
  b.height(6, wrappedHeight([item.reformContent], wideWidth, 9, 36));

  // 2. 【目標】: per indicator ＜目標＞ / 達成率 / 実績 rows; ＜現状＞ beside them.
  let row = 8;
  b.put(row, 1, SLABELS.goals, 'section', { cols: 3 });
  row += 1;
  anchors.headerRow = row;
  b.put(row, SCOL.no, SLABELS.noHeader, 'header');
  b.put(row, SCOL.name, SLABELS.nameHeader, 'header');
  b.put(row, SCOL.kind, SLABELS.kindHeader, 'header');
  b.put(row, SCOL.unit, SLABELS.unitHeader, 'header');
  b.put(row, SCOL.base, SLABELS.baseline, 'header');
  years.forEach((y, i) => b.put(row, yearCol(i), saitamaYearLabel(y), 'header'));
  years.forEach((y, i) => b.put(row, helperCol(i), `率・判定 ${y}`, 'helper'));
  b.put(row, metaCol, 'hyoka', 'helper');
  b.height(row, 20);
  row += 1;

  const flagsByYear: Record<string, string[]> = Object.fromEntries(years.map((y) => [y, []]));
  const missingRules: { kpi: Kpi; refs: KpiYearRefs; col: number }[] = [];
  const cellsOfKpi = new Map<number, { targetRow: number; actualRow: number }>();
  let group: string | undefined;
  item.kpis.forEach((kpi, k) => {
    const kr = result.kpis[k];
    if (kpi.group && kpi.group !== group) {
      b.put(row, SCOL.no, kpi.group, 'labelLeft', { cols: lastCol });
      b.height(row, wrappedHeight([kpi.group], wideWidth, 8, 16));
      row += 1;
    }
    group = kpi.group;
    const [tRow, rRow, aRow] = [row, row + 1, row + 2];
    anchors.kpis.push({ no: kpi.no, targetRow: tRow, rateRow: rRow, actualRow: aRow });
    cellsOfKpi.set(kpi.no, { targetRow: tRow, actualRow: aRow });
    const fmt = numberFormatFor(kpi);
    b.put(tRow, SCOL.no, circled(kpi.no), 'valueCenter', { rows: 3 });
    b.put(tRow, SCOL.name, kpi.name, 'value', { rows: 3 });
    b.put(tRow, SCOL.kind, SLABELS.target, 'labelSmall');
    b.put(rRow, SCOL.kind, SLABELS.rate, 'labelSmall');
    b.put(aRow, SCOL.kind, SLABELS.actual, 'labelSmall');
    b.put(tRow, SCOL.unit, kpi.unit, 'valueCenter', { rows: 3 });
    // ＜現状＞: the baseline in the 実績 row (where a relative target finds it), its year above when it is not the base year.
    b.put(tRow, SCOL.base, kpi.baselineYear ? saitamaYearLabel(kpi.baselineYear) : '', 'valueCenter');
    b.put(rRow, SCOL.base, '', 'valueCenter');
    const baseline = kpi.baseline ?? '';
    b.put(aRow, SCOL.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: typeof baseline === 'number' ? fmt : undefined });

    const texts: string[] = [];
    years.forEach((y, i) => {
      const col = yearCol(i);
      const refs: KpiYearRefs = { target: a1(tRow, col), actual: a1(aRow, col), percent: a1(rRow, helperCol(i)), flag: a1(aRow, helperCol(i)) };
      const ky = kr.years[y];
      const deleted = isDeletedIn(kpi, y);
      const rawTarget = kpi.targets[y];
      const spec = parseTarget(rawTarget ?? null, kpi.direction, kpi.strict);
      if (spec.kind === 'relative' && kpi.direction !== 'qualitative') {
        const [prevRow, prevCol] = i === 0 ? [aRow, SCOL.base] : [aRow, yearCol(i - 1)];
        const prev = a1(prevRow, prevCol);
        const cached = relativeTargetResult(b.valueAt(prevRow, prevCol), spec.label); // what the formula gives
        b.formula(tRow, col, relativeTargetFormula(prev, spec.label), cached, 'computedNumber', { numFmt: fmt });
      } else if (spec.kind === 'number' && kpi.direction !== 'qualitative') {
        b.put(tRow, col, spec.value, 'inputNumber', { numFmt: targetNumberFormat(rawTarget, spec.value, fmt) });
      } else {
        const raw = rawTarget === undefined ? (deleted ? SLABELS.deleted : '') : typeof rawTarget === 'object' ? (spec.kind === 'relative' ? spec.label : '') : String(rawTarget);
        const shown = typeof rawTarget === 'string' ? shownTarget(kpi, raw) : raw;
        texts.push(shown);
        b.put(tRow, col, shown, kpi.direction === 'qualitative' ? 'inputTextSmall' : 'inputCenter');
      }
      const actual = kpi.actuals[y];
      const actualFmt = typeof actual === 'number' || actual === undefined ? fmt : undefined;
      const actualStyle = typeof actual === 'number' ? 'inputNumber' : 'inputCenter';
      b.put(aRow, col, actual ?? '', actualStyle, { numFmt: actualFmt, input: { year: y, field: 'actual' } });
      if (deleted) {
        b.put(rRow, col, '', 'rate');
        return;
      }
      const comparator = ky.comparator ?? (kpi.direction === 'lower' ? (kpi.strict ? 'lt' : 'le') : kpi.strict ? 'gt' : 'ge');
      b.formula(rRow, helperCol(i), percentFormula(kpi, refs), ky.rate ?? '', 'helper');
      b.formula(aRow, helperCol(i), flagFormula(kpi, comparator, refs), ky.achieved === null ? '' : ky.achieved ? 1 : 0, 'helper');
      b.formula(rRow, col, displayFormula(kpi, refs, header.grading), ky.display ?? '', 'rate');
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
    // The target row grows with the longest text target; the three rows together hold the name.
    const nameHeight = wrappedHeight([kpi.name], WIDTHS.name, 9, 15);
    const targetHeight = Math.max(15, wrappedHeight(texts, yearWidth, 8, 15));
    b.height(tRow, Math.max(targetHeight, nameHeight - 30));
    b.height(rRow, 15);
    b.height(aRow, 15);
    row += 3;

    // 期間目標 / 最終目標: shown under the indicator (they are not yearly targets).
    const extra: [string, string][] = [];
    if (kpi.periodTarget) {
      const p = kpi.periodTarget;
      const span = `${saitamaYearLabel(p.from)}～${p.to ? saitamaYearLabel(p.to) : ''}`;
      const kind = p.kind === 'total' ? `${span}の合計` : p.kind === 'average' ? `${span}の年間平均` : '';
      extra.push([SLABELS.periodTarget, kind ? `${p.raw}（${kind}）` : p.raw]);
    }
    if (kpi.finalTarget) extra.push([SLABELS.finalTarget, `${saitamaYearLabel(kpi.finalTarget.year)}：${kpi.finalTarget.value}${kpi.finalTarget.note ? `（${kpi.finalTarget.note}）` : ''}`]);
    for (const [label, text] of extra) {
      b.put(row, SCOL.no, '', 'value', { cols: 2 });
      b.put(row, SCOL.kind, label, 'labelSmall', { cols: 2 });
      b.put(row, SCOL.base, text, 'value', { cols: lastCol - SCOL.base + 1 });
      b.height(row, wrappedHeight([text], WIDTHS.base + years.length * yearWidth, 9, 15));
      row += 1;
    }
  });

  // 参考指標: actuals only, never evaluated or counted.
  item.referenceIndicators.forEach((ref, index) => {
    anchors.references.push({ index, row });
    const fmt = numberFormatFor({ actuals: ref.actuals, baseline: ref.baseline, targets: {} });
    b.put(row, SCOL.no, index === 0 ? SLABELS.reference : '', 'labelSmall');
    b.put(row, SCOL.name, ref.name, 'value');
    b.put(row, SCOL.kind, SLABELS.actual, 'labelSmall');
    b.put(row, SCOL.unit, ref.unit, 'valueCenter');
    const baseline = ref.baseline ?? '';
    b.put(row, SCOL.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: fmt });
    years.forEach((y, i) => {
      const v = ref.actuals[y];
      const input = { year: y, field: 'reference' } as const;
      b.put(row, yearCol(i), v ?? '', typeof v === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: fmt, input });
    });
    b.height(row, wrappedHeight([ref.name], WIDTHS.name, 9, 15));
    row += 1;
  });

  // 達成件数 x / y per year.
  anchors.countRow = row;
  b.put(row, SCOL.no, SLABELS.count, 'label', { cols: SCOL.base });
  years.forEach((y, i) => b.formula(row, yearCol(i), countFormula(flagsByYear[y]), result.counts[y].display ?? '', 'count'));
  b.height(row, 20);
  for (const { kpi, refs, col } of missingRules) {
    L.conditionalFormats.push({ ref: refs.actual, formula: missingActualRule(kpi, refs, a1(anchors.countRow, col, true)), look: 'missing', priority: 4 });
  }
  row += 2;

  // 3. 【工程】: 具体的方策 × year, one text cell per year (the source's bars are not kept).
  b.put(row, 1, SLABELS.schedule, 'section', { cols: 3 });
  row += 1;
  b.put(row, SCOL.no, SLABELS.measure, 'header', { cols: SCOL.base });
  years.forEach((y, i) => b.put(row, yearCol(i), saitamaYearLabel(y), 'header'));
  b.height(row, 18);
  row += 1;
  group = undefined;
  item.schedule.forEach((task, index) => {
    if (task.group && task.group !== group) {
      b.put(row, SCOL.no, task.group, 'labelLeft', { cols: lastCol });
      b.height(row, 15);
      row += 1;
    }
    group = task.group;
    anchors.schedule.push({ index, planRow: row, resultRow: row });
    b.put(row, SCOL.no, '', 'value');
    b.put(row, SCOL.name, task.task, 'inputTextSmall', { cols: SCOL.base - 1 });
    const notes = years.map((y) => task.yearNotes?.[y] ?? '');
    years.forEach((_, i) => b.put(row, yearCol(i), notes[i], 'inputTextSmall'));
    b.height(row, Math.max(wrappedHeight([task.task], WIDTHS.name + WIDTHS.kind + WIDTHS.unit + WIDTHS.base, 8, 18), wrappedHeight(notes, yearWidth, 8, 18)));
    row += 1;
  });
  row += 1;

  // 4. 【期待される効果】: effects with a formula computed live from the year's target and actual.
  const effects = item.expectedEffects ?? [];
  const effectResults = evaluateEffects(item, result, years);
  const effectCells: EffectCells[] = [];
  if (effects.length > 0) {
    b.put(row, 1, SLABELS.effects, 'section', { cols: 3 });
    row += 1;
    const tabular = effects.some((e) => hasFormula(e) || e.values);
    if (tabular) {
      b.put(row, SCOL.no, '効果', 'header', { cols: 2 });
      b.put(row, SCOL.kind, SLABELS.kindHeader, 'header');
      b.put(row, SCOL.unit, SLABELS.unitHeader, 'header');
      b.put(row, SCOL.base, SLABELS.formula, 'header');
      years.forEach((y, i) => b.put(row, yearCol(i), saitamaYearLabel(y), 'header'));
      b.height(row, 18);
      row += 1;
    }
    group = undefined;
    effects.forEach((effect, index) => {
      if (effect.group && effect.group !== group) {
        b.put(row, SCOL.no, `〇 ${effect.group}`, 'labelLeft', { cols: lastCol });
        b.height(row, wrappedHeight([effect.group], wideWidth, 8, 15));
        row += 1;
      }
      group = effect.group;
      row = effectRows(b, effect, effectResults[index], { row, years, lastCol, wideWidth, cellsOfKpi, effectCells, index });
    });
    row += 1;
  }
  EFFECT_CELLS.set(L, effectCells);

  // 5. 【年度ごとの評価】: the evaluator's texts per year.
  b.put(row, 1, SLABELS.evaluation, 'section', { cols: 3 });
  row += 1;
  b.put(row, SCOL.no, '', 'header', { cols: SCOL.base });
  years.forEach((y, i) => b.put(row, yearCol(i), saitamaYearLabel(y), 'header'));
  const evaluationHeaderRow = row;
  row += 1;
  for (const field of ['factors', 'nextYearIssues', 'response'] as const) {
    anchors.evaluationRows[field] = row;
    b.put(row, SCOL.no, SLABELS[field], 'labelLeft', { cols: SCOL.base });
    const texts = years.map((y) => item.evaluations[y]?.[field]);
    years.forEach((y, i) => b.put(row, yearCol(i), texts[i] ?? '', 'inputTextSmall',
      { input: { year: y, field: 'evaluation' } }));
    b.height(row, wrappedHeight(texts, yearWidth, 8, 40));
    row += 1;
  }
  void evaluationHeaderRow;
  row = remarksAndTargetChanges(b, { item, years, row, labelCols: SCOL.base, yearCol, yearCols: 1, width: yearWidth });

  b.put(1, metaCol, `hyoka:item:${item.id}`, 'helper');
  L.anchors = anchors;
  L.print = {
    paper: 'A4',
    landscape: false,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: [1, 1],
    header: header.title,
    footer: sheetName,
    printArea: `A1:${columnLetter(lastCol)}${row - 1}`,
  };
  return L;
}

interface EffectContext {
  row: number;
  years: string[];
  lastCol: number;
  wideWidth: number;
  cellsOfKpi: Map<number, { targetRow: number; actualRow: number }>;
  effectCells: EffectCells[];
  index: number;
}

/** One effect: label and printed text; with a formula, a 目標から row and a 実績から row of live values. */
function effectRows(b: SheetBuilder, effect: ExpectedEffect, computed: ReturnType<typeof evaluateEffects>[number], ctx: EffectContext): number {
  let row = ctx.row;
  const { years, lastCol } = ctx;
  const kpiCells = effect.kpi !== undefined ? ctx.cellsOfKpi.get(effect.kpi) : undefined;
  const live = computed.computable && kpiCells !== undefined;
  const fmt = effect.unit === '％' || effect.unit === '%' ? '#,##0.0' : '#,##0';
  if (live) {
    const formulaText = effectFormulaText(effect, circled(effect.kpi!));
    const lines: [string, 'target' | 'actual', number][] = [
      [SLABELS.effectTarget, 'target', kpiCells.targetRow],
      [SLABELS.effectActual, 'actual', kpiCells.actualRow],
    ];
    b.put(row, SCOL.no, effect.label, 'value', { cols: 2, rows: 2 });
    b.put(row, SCOL.unit, effect.unit ?? '', 'valueCenter', { rows: 2 });
    b.put(row, SCOL.base, formulaText, 'valueCenter', { rows: 2 });
    lines.forEach(([label, basis, sourceRow], k) => {
      b.put(row + k, SCOL.kind, label, 'labelSmall');
      years.forEach((y, i) => {
        const col = yearCol(i);
        const f = effectFormula(effect, a1(sourceRow, col))!;
        const v = computed.years[y][basis];
        b.formula(row + k, col, f, v ?? '', 'computedNumber', { numFmt: fmt });
        ctx.effectCells.push({ index: ctx.index, year: y, basis, row: row + k, col });
      });
      b.height(row + k, 15);
    });
    row += 2;
  } else if (effect.values) {
    b.put(row, SCOL.no, effect.label, 'value', { cols: 2 });
    b.put(row, SCOL.kind, SLABELS.printed, 'labelSmall');
    b.put(row, SCOL.unit, effect.unit ?? '', 'valueCenter');
    b.put(row, SCOL.base, effect.factor !== undefined ? `×${effect.factor}${effect.factorUnit ?? effect.unit ?? ''}` : '', 'valueCenter');
    years.forEach((y, i) => {
      const v = effect.values?.[y];
      b.put(row, yearCol(i), v ?? '', 'valueCenter', { numFmt: fmt });
    });
    b.height(row, wrappedHeight([effect.label], WIDTHS.no + WIDTHS.name, 9, 15));
    row += 1;
  }
  // The effect as printed: the label (unless already shown) and its text. A heading with nothing under it
  // (「〇 災害対策やセキュリティ対策の強化」) is its group row alone.
  if (effect.group === effect.label && !effect.text && !live && !effect.values) return row;
  const shownLabel = live || effect.values ? '' : effect.label;
  const text = [shownLabel, effect.text].filter((t) => t).join(effect.text && shownLabel ? '：' : '');
  if (text) {
    const full = `・${text}`;
    b.put(row, SCOL.no, full, 'value', { cols: lastCol });
    b.height(row, wrappedHeight([full], ctx.wideWidth, 9, 15));
    row += 1;
  }
  return row;
}
