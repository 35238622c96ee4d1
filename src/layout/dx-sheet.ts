// The Gunma DX action plan 個別取組票 (SOURCE-LAYOUTS.md §4, seed 004): one sheet per 実施項目, A3 landscape —
// title, header (目標・改革・実施項目・取組の方向性・取組所属), 指標項目 with the final-year target (R5目標値),
// ○具体的取組及び工程 (task rows × 目標/実績 × quarters), and ○目標の進捗度（実績）: per indicator a 実績 row
// (基準年, each year's quarters and 目標値) and a 進捗率 row whose cells are live formulas mirroring
// rules/quarterly.ts cell for cell (under each 目標値: the year's rate, as the yearly evaluation gives it).
// Deleted indicators keep their earlier years and show the reason across the years they are deleted from.
// Pure data (layout/types.ts); the engine's values are the formulas' cached results.
import type { Kpi, PlanHeader } from '../model/plan';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { countYear, evaluateKpiYear, isDeletedIn, type KpiYearResult } from '../rules/evaluate';
import { parseTarget } from '../rules/parse-target';
import {
  derivesYearFigure,
  effectiveActuals,
  isProRata,
  QUARTERS,
  quarterProgress,
  quarterCells,
  aggregationOf,
  type Quarter,
  type QuarterProgress,
} from '../rules/quarterly';
import { a1, columnLetter, rangeA1 } from './a1';
import { countFormula, displayFormula, flagFormula, percentFormula, quote, relativeTargetFormula, relativeTargetResult, type KpiYearRefs } from './formulas';
import { circled, SheetBuilder, wrappedHeight, emptyAnchors } from './grid';
import type { ItemSheetInput } from './gunma-sheet';
import { targetNumberFormat } from './number-format';
import type { ItemAnchors, SheetLayout } from './types';

export const DX_LABELS = {
  sheetTitle: '個別取組票',
  goal: '目標',
  reform: '改革',
  item: '実施項目',
  direction: '取組の方向性',
  leadDept: '取組所属',
  relatedDepts: '関係所属',
  indicator: '指標項目',
  finalTargetSuffix: '目標値',
  note: '備考',
  scheduleSection: '○具体的取組及び工程',
  task: '具体的取組',
  relatedKpis: '関連目標',
  planResult: '目標\n実績',
  plan: '目標',
  result: '実績',
  scheduled: '■',
  progressSection: '○目標の進捗度（実績）',
  unit: '単位',
  baselineSuffix: '実績値',
  kind: '区分',
  actual: '実績',
  progress: '進捗率',
  target: '目標値',
  count: '達成件数（年度）',
  legend:
    '進捗率：各四半期の実績（四半期ごとの件数の指標は年度内の累計）÷ その年度の目標値。少ないほどよい年間の上限は四半期に応じて按分（目標値 × 四半期 ÷ 4）。目標値の下は年度の達成率。文字の指標は担当課が達成・未達成を判断。',
} as const;

/** 令和3年度, 令和元年度, 平成30年度: the year headings of the source (004 lines 46, 69). */
export function fiscalYearHeading(fy: string): string {
  const n = Number(fy.slice(1));
  const era = fy.startsWith('R') ? '令和' : '平成';
  return `${era}${n === 1 ? '元' : n}年度`;
}

/** 「R5目標値」: the final-target column heading for the plan's last year. */
export function finalTargetHeading(header: Pick<PlanHeader, 'years'>): string {
  return `${formatFiscalYearLabel(header.years[header.years.length - 1])}${DX_LABELS.finalTargetSuffix}`;
}

/** 「①」, or 「(②)」 for a deleted indicator (its printed number, which the next indicator may reuse). */
export function dxNoLabel(kpi: Pick<Kpi, 'no' | 'printedNo' | 'deleted'>): string {
  const c = circled(kpi.printedNo ?? kpi.no);
  return kpi.deleted ? `(${c})` : c;
}

/** Number format with the unit as the source prints it (「28.3%」「1,266件」「16万回」), full precision kept in the cell. */
export function unitFormat(unit: string, decimals: number): string {
  const base = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  const u = unit.replace(/"/g, '');
  return u ? `${base}"${u}"` : base;
}

function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const text = String(x);
  if (/e/i.test(text)) return 4;
  return Math.min(4, (text.split('.')[1] ?? '').length);
}

/** Quarterly figures and the baseline print with the decimals the indicator uses (「94.0%」「7.0%」); targets as written. */
function kpiDecimals(kpi: Kpi): number {
  const values: unknown[] = [kpi.baseline, ...Object.values(kpi.quarterlyActuals ?? {}).flat()];
  return values.reduce<number>((max, v) => (typeof v === 'number' ? Math.max(max, decimalsOf(v)) : max), 0);
}

/** Columns (1-based): number, name, unit, baseline, 区分, then five per year (four quarters and 目標値). */
export const DX_COL = { no: 1, name: 2, unit: 3, base: 4, kind: 5, firstYear: 6 } as const;
const WIDTHS = { no: 6, name: 34, unit: 6, base: 9, kind: 6, quarter: 7.8, target: 9 };

/** Where the quarterly parts of a DX sheet sit (beyond ItemAnchors): what the tests and readers look up. */
export interface DxAnchors {
  itemId: string;
  progressHeaderRow: number;
  /** Per year: the four quarter columns and the 目標値 column. */
  years: Record<string, { quarters: [number, number, number, number]; target: number }>;
  kpis: {
    no: number;
    actualRow: number;
    progressRow: number;
    /** Hidden helpers per year and quarter: value and target on the 実績 row, percent and flag on the 進捗率 row. */
    quarterHelpers: Record<string, [number, number][]>;
    /** Hidden helpers per year: the year's figure (実績 row), percent and flag (進捗率 row). */
    yearHelpers: Record<string, [number, number]>;
  }[];
  finalTargetRows: { no: number; row: number }[];
  countRow: number;
}

/** DX anchors of a built sheet (the SheetLayout type carries only the Gunma anchors). */
export const DX_ANCHORS = new WeakMap<SheetLayout, DxAnchors>();

export function buildDxSheet({ header, item, sheetName }: ItemSheetInput): SheetLayout {
  const years = header.years;
  const L = DX_LABELS;
  const yearCol = (i: number) => DX_COL.firstYear + i * 5;
  const targetCol = (i: number) => yearCol(i) + 4;
  const lastCol = yearCol(years.length) - 1;
  // Hidden helpers after a spacer: two per quarter (each on two rows), then two per year, then the marker.
  const H0 = lastCol + 2;
  const quarterHelperCol = (i: number, q: Quarter, k: 0 | 1) => H0 + (i * 4 + (q - 1)) * 2 + k;
  const yearHelperCol = (i: number, k: 0 | 1) => H0 + years.length * 8 + i * 2 + k;
  const metaCol = yearHelperCol(years.length - 1, 1) + 1;

  const b = new SheetBuilder(sheetName, 'item');
  const S = b.layout;
  S.columns = [
    { width: WIDTHS.no },
    { width: WIDTHS.name },
    { width: WIDTHS.unit },
    { width: WIDTHS.base },
    { width: WIDTHS.kind },
    ...years.flatMap(() => [...QUARTERS.map(() => ({ width: WIDTHS.quarter })), { width: WIDTHS.target }]),
    { width: 2, hidden: true },
    ...Array.from({ length: metaCol - H0 + 1 }, () => ({ width: 9, hidden: true })),
  ];
  const textWidth = S.columns.slice(1, lastCol).reduce((sum, c) => sum + c.width, 0);

  const anchors: ItemAnchors = emptyAnchors(item.id, years, DX_COL.base);
  const dx: DxAnchors = { itemId: item.id, progressHeaderRow: 0, years: {}, kpis: [], finalTargetRows: [], countRow: 0 };
  years.forEach((y, i) => {
    anchors.yearCols[y] = yearCol(i);
    anchors.helperCols[y] = yearHelperCol(i, 0);
    anchors.quarterCols[y] = QUARTERS.map((q) => yearCol(i) + q - 1) as [number, number, number, number];
    dx.years[y] = { quarters: anchors.quarterCols[y], target: targetCol(i) };
  });

  // 1. Title lines.
  const split = yearCol(Math.max(0, years.length - 2));
  b.put(1, 1, `${header.title}`, 'title', { cols: split - 1 });
  b.put(1, split, `${L.goal}${item.goal.no} ／ ${L.reform}${item.reform.no} ／ ${L.item}(${item.no})`, 'titleRight', { cols: lastCol - split + 1 });
  b.put(1, metaCol, `hyoka:item:${item.id}`, 'helper');
  b.height(1, 24);
  const dated = [header.adoptedOn, header.revisedOn].filter(Boolean).join('・');
  const asOf = header.asOf ? `${header.asOf}時点` : '';
  b.put(2, split, [dated, asOf].filter(Boolean).join('　'), 'titleRight', { cols: lastCol - split + 1 });

  // 2. Header: 目標, 改革, 実施項目, 取組の方向性, 取組所属.
  const headerRows: [string, string, 'value' | 'inputText'][] = [
    [L.goal, `${item.goal.no}　${item.goal.name}`, 'value'],
    [L.reform, `${item.reform.no}　${item.reform.name}`, 'value'],
    [L.item, `(${item.no})　${item.title}`, 'value'],
    [L.direction, item.reformContent, 'inputText'],
    [L.leadDept, item.leadDept, 'inputText'],
  ];
  // 関係所属 is not on the DX form; a plan that has one (rendered from another layout) keeps it on its own row.
  if (item.relatedDepts) headerRows.push([L.relatedDepts, item.relatedDepts, 'inputText']);
  let row = 3;
  for (const [label, value, style] of headerRows) {
    b.put(row, 1, label, 'label');
    b.put(row, 2, value, style, { cols: lastCol - 1 });
    b.height(row, wrappedHeight([value], textWidth * 0.95, 9, label === L.direction ? 48 : 18));
    row += 1;
  }

  // 3. 指標項目 | R5目標値 | 備考 (names are formulas over the progress table, so each is typed once).
  row += 1;
  const listHeaderRow = row;
  const noteFrom = DX_COL.firstYear;
  const noteTo = lastCol;
  b.put(row, 1, L.indicator, 'header', { cols: 2 });
  b.put(row, DX_COL.unit, finalTargetHeading(header), 'header', { cols: DX_COL.kind - DX_COL.unit + 1 });
  b.put(row, noteFrom, L.note, 'header', { cols: noteTo - noteFrom + 1 });
  row += 1;
  const listed = item.kpis.filter((k) => !k.deleted || k.finalTarget !== undefined);
  const listRowOf = new Map<Kpi, number>();
  for (const kpi of listed) {
    listRowOf.set(kpi, row);
    dx.finalTargetRows.push({ no: kpi.no, row });
    row += 1;
  }

  // 4. ○具体的取組及び工程
  row += 1;
  b.put(row, 1, L.scheduleSection, 'section', { cols: 4 });
  b.height(row, 20);
  row += 1;
  const withRelated = item.schedule.some((t) => t.relatedKpis.length > 0);
  const taskFrom = withRelated ? 2 : 1;
  if (withRelated) b.put(row, 1, L.relatedKpis, 'header', { rows: 2 });
  b.put(row, taskFrom, L.task, 'header', { rows: 2, cols: DX_COL.kind - taskFrom });
  b.put(row, DX_COL.kind, L.planResult, 'header', { rows: 2 });
  years.forEach((y, i) => {
    b.put(row, yearCol(i), fiscalYearHeading(y), 'header', { cols: 4 });
    b.put(row, targetCol(i), '', 'computedNumber', { rows: 2 });
    QUARTERS.forEach((q) => b.put(row + 1, yearCol(i) + q - 1, `${q}四半期`, 'headerSmall'));
  });
  b.height(row, 18);
  row += 2;
  let group: string | undefined;
  item.schedule.forEach((task, index) => {
    if (task.group !== undefined && task.group !== group) {
      b.put(row, 1, task.group, 'labelLeft', { cols: lastCol });
      b.height(row, 16);
      row += 1;
    }
    group = task.group;
    anchors.schedule.push({ index, planRow: row, resultRow: row + 1 });
    if (withRelated) b.put(row, 1, task.relatedKpis.map(circled).join(''), 'valueCenter', { rows: 2 });
    b.put(row, taskFrom, task.task, 'inputTextSmall', { rows: 2, cols: DX_COL.kind - taskFrom });
    b.put(row, DX_COL.kind, L.plan, 'labelSmall');
    b.put(row + 1, DX_COL.kind, L.result, 'labelSmall');
    const lines = [
      [row, task.plan, task.planNotes, 'scheduled'],
      [row + 1, task.result, task.resultNotes, 'done'],
    ] as const;
    const texts: string[] = [];
    for (const [line, quarters, notes, look] of lines) {
      years.forEach((y, i) => {
        for (const q of QUARTERS) {
          const marked = quarters[y]?.includes(q) ?? false;
          const note = notes?.[y]?.[String(q) as '1'] ?? '';
          texts.push(note);
          const input = line === row + 1 ? ({ year: y, field: 'scheduleResult' } as const) : undefined;
          b.put(line, yearCol(i) + q - 1, (marked ? L.scheduled : '') + note, 'quarter', { input });
        }
        S.conditionalFormats.push({ ref: rangeA1(line, yearCol(i), line, yearCol(i) + 3), formula: `LEN(${a1(line, yearCol(i))})>0`, look, priority: 3 });
      });
    }
    years.forEach((_, i) => b.put(row, targetCol(i), '', 'computedNumber', { rows: 2 }));
    const nameHeight = wrappedHeight([task.task], 44, 8, 26) / 2;
    const cellHeight = Math.max(...texts.map((t) => wrappedHeight([t], WIDTHS.quarter, 7, 13)));
    for (const r of [row, row + 1]) b.height(r, Math.max(13, nameHeight, cellHeight));
    row += 2;
  });
  if (item.schedule.length === 0) {
    // One empty task for the department to fill.
    b.put(row, 1, '', 'inputTextSmall', { rows: 2, cols: DX_COL.kind - 1 });
    b.put(row, DX_COL.kind, L.plan, 'labelSmall');
    b.put(row + 1, DX_COL.kind, L.result, 'labelSmall');
    years.forEach((_, i) => {
      for (const q of QUARTERS) for (const r of [row, row + 1]) b.put(r, yearCol(i) + q - 1, '', 'quarter');
      b.put(row, targetCol(i), '', 'computedNumber', { rows: 2 });
    });
    row += 2;
  }

  // 5. ○目標の進捗度（実績）
  row += 1;
  b.put(row, 1, L.progressSection, 'section', { cols: 4 });
  b.height(row, 20);
  row += 1;
  const h = row;
  anchors.headerRow = h;
  dx.progressHeaderRow = h;
  b.put(h, DX_COL.no, L.indicator, 'header', { rows: 2, cols: 2 });
  b.put(h, DX_COL.unit, L.unit, 'header', { rows: 2 });
  b.put(h, DX_COL.base, `基準年(${formatFiscalYearLabel(header.baseYear)})\n${L.baselineSuffix}`, 'header', { rows: 2 });
  b.put(h, DX_COL.kind, L.kind, 'header', { rows: 2 });
  years.forEach((y, i) => {
    b.put(h, yearCol(i), fiscalYearHeading(y), 'header', { cols: 4 });
    b.put(h, targetCol(i), L.target, 'header', { rows: 2 });
    QUARTERS.forEach((q) => {
      b.put(h + 1, yearCol(i) + q - 1, `${q}四半期`, 'headerSmall');
      b.put(h, quarterHelperCol(i, q, 0), `値・率 ${y} Q${q}`, 'helper');
      b.put(h, quarterHelperCol(i, q, 1), `目標・判定 ${y} Q${q}`, 'helper');
    });
    b.put(h, yearHelperCol(i, 0), `年度実績・率 ${y}`, 'helper');
    b.put(h, yearHelperCol(i, 1), `判定 ${y}`, 'helper');
  });
  b.height(h, 18);
  row += 2;

  const yearResults: Record<string, KpiYearResult[]> = Object.fromEntries(years.map((y) => [y, []]));
  item.kpis.forEach((kpi) => {
    const [aRow, pRow] = [row, row + 1];
    const effective: Kpi = { ...kpi, actuals: effectiveActuals(kpi, years) };
    const numeric = kpi.direction !== 'qualitative';
    const decimals = kpiDecimals(kpi);
    const fmt = unitFormat(kpi.unit, decimals);
    const fmtOf = (v: unknown) => (typeof v === 'number' ? unitFormat(kpi.unit, decimalsOf(v)) : fmt);
    anchors.kpis.push({ no: kpi.no, targetRow: aRow, rateRow: pRow, actualRow: aRow });
    const kpiDx: DxAnchors['kpis'][number] = { no: kpi.no, actualRow: aRow, progressRow: pRow, quarterHelpers: {}, yearHelpers: {} };
    dx.kpis.push(kpiDx);

    b.put(aRow, DX_COL.no, dxNoLabel(kpi), 'valueCenter', { rows: 2 });
    b.put(aRow, DX_COL.name, kpi.name, 'inputText', { rows: 2 });
    b.put(aRow, DX_COL.unit, kpi.unit, 'inputCenter', { rows: 2 });
    const baseline = kpi.baseline ?? '';
    b.put(aRow, DX_COL.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: fmt });
    b.put(pRow, DX_COL.base, '', 'computedNumber');
    b.put(aRow, DX_COL.kind, L.actual, 'labelSmall');
    b.put(pRow, DX_COL.kind, L.progress, 'labelSmall');
    const nameHeight = wrappedHeight([kpi.name], WIDTHS.name, 9, 30) / 2;
    const phaseTexts = numeric ? [] : Object.values(kpi.quarterlyActuals ?? {}).flat().filter((v): v is string => typeof v === 'string');
    const phaseHeight = numeric ? 0 : Math.max(wrappedHeight(phaseTexts.map((t) => t), WIDTHS.quarter, 7, 15), ...Object.values(kpi.targets).map((t) => wrappedHeight([String(t)], WIDTHS.target, 9, 15)));
    b.height(aRow, Math.max(15, nameHeight, phaseHeight));
    b.height(pRow, Math.max(15, nameHeight));

    years.forEach((y, i) => {
      const tCell = a1(aRow, targetCol(i));
      if (isDeletedIn(kpi, y)) {
        const reason = kpi.deleted?.reason ? `（${kpi.deleted.reason}）` : '（削除）';
        b.put(aRow, yearCol(i), reason, 'valueCenter', { rows: 2, cols: 5 });
        return;
      }
      // 実績 row: the four quarters (input) and the year's target.
      const cells = quarterCells(kpi, y);
      QUARTERS.forEach((q) => {
        const v = cells[q - 1];
        const col = yearCol(i) + q - 1;
        const style = !numeric ? 'quarter' : typeof v === 'number' ? 'inputNumber' : 'inputCenter';
        b.put(aRow, col, v ?? '', style,
          { numFmt: numeric ? fmt : undefined, input: { year: y, field: 'quarterActual' } });
        if (numeric)
          S.validations.push({
            ref: a1(aRow, col),
            type: 'decimal',
            promptTitle: `${y} ${q}四半期の実績`,
            prompt: `数値で入力してください（単位：${kpi.unit || 'なし'}）。該当なしは「－」`,
            errorTitle: '数値ではありません',
            error: '実績は数値で入力してください（単位は列に表示されています）。',
          });
      });
      const rawTarget = kpi.targets[y];
      const spec = parseTarget(rawTarget ?? null, kpi.direction, kpi.strict);
      const ky = evaluateKpiYear(effective, y, header);
      if (spec.kind === 'relative' && numeric) {
        const [prevRow, prevCol] = i === 0 ? [aRow, DX_COL.base] : [aRow, yearHelperCol(i - 1, 0)];
        const prev = a1(prevRow, prevCol);
        const cached = relativeTargetResult(b.valueAt(prevRow, prevCol), spec.label); // what the formula gives
        b.formula(aRow, targetCol(i), relativeTargetFormula(prev, spec.label), cached, 'computedNumber', { numFmt: fmt });
      } else if (spec.kind === 'number' && numeric) {
        b.put(aRow, targetCol(i), spec.value, 'inputNumber', { numFmt: targetNumberFormat(rawTarget, spec.value, fmtOf(spec.value)) });
      } else {
        const text = rawTarget === undefined ? '' : typeof rawTarget === 'object' ? spec.kind === 'relative' ? spec.label : '' : String(rawTarget);
        b.put(aRow, targetCol(i), text, numeric || text.length <= 6 ? 'inputCenter' : 'inputTextSmall');
      }

      if (!numeric) {
        // Text phases: no computed progress; the person judging writes 達成 / 未達成 under the target.
        QUARTERS.forEach((q) => b.put(pRow, yearCol(i) + q - 1, '', 'rate'));
        const judged = kpi.actuals[y];
        b.put(pRow, targetCol(i), judged ?? '', 'inputCenter', { input: { year: y, field: 'actual' } });
        S.validations.push({ ref: a1(pRow, targetCol(i)), type: 'list', list: ['達成', '未達成'], promptTitle: `${y} の判定`, prompt: '達成 または 未達成 を選んでください', errorTitle: '入力できません', error: '判定は「達成」か「未達成」です。' });
        const refs: KpiYearRefs = { target: tCell, actual: a1(pRow, targetCol(i)), percent: a1(pRow, yearHelperCol(i, 0)), flag: a1(pRow, yearHelperCol(i, 1)) };
        b.formula(pRow, yearHelperCol(i, 0), percentFormula(kpi, refs), ky.rate ?? '', 'helper');
        b.formula(pRow, yearHelperCol(i, 1), flagFormula(kpi, 'ge', refs), ky.achieved === null ? '' : ky.achieved ? 1 : 0, 'helper');
        kpiDx.yearHelpers[y] = [yearHelperCol(i, 0), yearHelperCol(i, 1)];
        anchors.flags[y].push({ row: pRow, col: yearHelperCol(i, 1) });
        yearResults[y].push(ky);
        conditional(S, a1(pRow, targetCol(i)), refs.flag);
        return;
      }

      // 進捗率 row: per quarter, hidden value and (pro-rated) target on the 実績 row, percent and flag below.
      const qCell = (q: Quarter) => a1(aRow, yearCol(i) + q - 1);
      kpiDx.quarterHelpers[y] = [];
      QUARTERS.forEach((q) => {
        const p: QuarterProgress = quarterProgress(kpi, y, q, header);
        const [c0, c1] = [quarterHelperCol(i, q, 0), quarterHelperCol(i, q, 1)];
        kpiDx.quarterHelpers[y].push([c0, c1]);
        const valueFormula =
          aggregationOf(kpi) === 'perQuarter'
            ? `IF(ISBLANK(${qCell(q)}),"",IF(COUNT(${qCell(1)}:${qCell(q)})=0,"",SUM(${qCell(1)}:${qCell(q)})))`
            : `IF(ISNUMBER(${qCell(q)}),${qCell(q)},"")`;
        const targetFormula = isProRata(kpi) ? `IF(ISNUMBER(${tCell}),${tCell}*${q}/4,"")` : `IF(ISNUMBER(${tCell}),${tCell},"")`;
        b.formula(aRow, c0, valueFormula, typeof p.value === 'number' ? p.value : '', 'helper');
        b.formula(aRow, c1, targetFormula, typeof p.target === 'number' ? p.target : '', 'helper');
        const refs: KpiYearRefs = { target: a1(aRow, c1), actual: a1(aRow, c0), percent: a1(pRow, c0), flag: a1(pRow, c1) };
        const comparator = parseTarget(kpi.targets[y] ?? null, kpi.direction, kpi.strict);
        const cmp = comparator.kind === 'number' || comparator.kind === 'relative' ? comparator.comparator : kpi.direction === 'lower' ? 'le' : 'ge';
        b.formula(pRow, c0, percentFormula(kpi, refs), p.rate ?? '', 'helper');
        b.formula(pRow, c1, flagFormula(kpi, cmp, refs), p.onTrack === null ? '' : p.onTrack ? 1 : 0, 'helper');
        b.formula(pRow, yearCol(i) + q - 1, displayFormula(kpi, refs), p.display ?? '', 'rate');
        conditional(S, a1(pRow, yearCol(i) + q - 1), refs.flag);
      });

      // The year: its figure from the quarters (hidden), and its rate under the 目標値.
      const [y0, y1] = [yearHelperCol(i, 0), yearHelperCol(i, 1)];
      kpiDx.yearHelpers[y] = [y0, y1];
      const allBlank = `AND(${QUARTERS.map((q) => `ISBLANK(${qCell(q)})`).join(',')})`;
      const derived =
        aggregationOf(kpi) === 'perQuarter'
          ? `IF(ISBLANK(${qCell(4)}),"",IF(COUNT(${qCell(1)}:${qCell(4)})=0,"",SUM(${qCell(1)}:${qCell(4)})))`
          : `IF(ISBLANK(${qCell(4)}),"",IF(ISNUMBER(${qCell(4)}),${qCell(4)},IF(ISNUMBER(${qCell(3)}),${qCell(3)},IF(ISNUMBER(${qCell(2)}),${qCell(2)},IF(ISNUMBER(${qCell(1)}),${qCell(1)},"")))))`;
      // A plan year without quarters keeps its own figure until quarters are typed.
      const fallback = derivesYearFigure(kpi, y) ? '""' : literal(kpi.actuals[y]);
      const yearValue = effective.actuals[y];
      b.formula(aRow, y0, `IF(${allBlank},${fallback},${derived})`, yearValue ?? '', 'helper');
      const refs: KpiYearRefs = { target: tCell, actual: a1(aRow, y0), percent: a1(pRow, y0), flag: a1(pRow, y1) };
      const cmp = ky.comparator ?? (kpi.direction === 'lower' ? (kpi.strict ? 'lt' : 'le') : kpi.strict ? 'gt' : 'ge');
      b.formula(pRow, y0, percentFormula(kpi, refs), ky.rate ?? '', 'helper');
      b.formula(pRow, y1, flagFormula(kpi, cmp, refs), ky.achieved === null ? '' : ky.achieved ? 1 : 0, 'helper');
      b.formula(pRow, targetCol(i), displayFormula(kpi, refs, header.grading), ky.display ?? '', 'rate');
      conditional(S, a1(pRow, targetCol(i)), refs.flag);
      anchors.flags[y].push({ row: pRow, col: y1 });
      yearResults[y].push(ky);
    });
    row += 2;
  });
  if (item.kpis.length === 0) {
    b.put(row, 1, '', 'valueCenter', { rows: 2 });
    b.put(row, 2, '', 'inputText', { rows: 2 });
    b.put(row, 3, '', 'inputCenter', { rows: 2 });
    b.put(row, 4, '', 'inputCenter');
    b.put(row + 1, 4, '', 'computedNumber');
    b.put(row, 5, L.actual, 'labelSmall');
    b.put(row + 1, 5, L.progress, 'labelSmall');
    for (let c = DX_COL.firstYear; c <= lastCol; c++) {
      b.put(row, c, '', 'inputCenter');
      b.put(row + 1, c, '', 'rate');
    }
    row += 2;
  }

  // 達成件数 per year, as the yearly evaluation counts (blank when nothing is evaluated, never 「0 / 0」).
  anchors.countRow = row;
  dx.countRow = row;
  b.put(row, 1, L.count, 'label', { cols: DX_COL.kind });
  years.forEach((y, i) => {
    const flags = anchors.flags[y].map((f) => a1(f.row, f.col));
    b.formula(row, yearCol(i), countFormula(flags), countYear(yearResults[y]).display ?? '', 'count', { cols: 5 });
  });
  b.height(row, 20);
  row += 1;
  b.put(row, 1, L.legend, 'meta', { cols: lastCol });
  b.height(row, 24);
  const lastRow = row;

  // The 指標項目 list, now that the progress rows are known.
  item.kpis.forEach((kpi, k) => {
    const listRow = listRowOf.get(kpi);
    if (listRow === undefined) return;
    const nameCell = a1(anchors.kpis[k].targetRow, DX_COL.name);
    b.put(listRow, DX_COL.no, dxNoLabel(kpi), 'valueCenter');
    b.formula(listRow, DX_COL.name, `${nameCell}&""`, kpi.name, 'value');
    const ft = kpi.finalTarget;
    const v = ft?.value ?? '';
    b.put(listRow, DX_COL.unit, v, typeof v === 'number' ? 'inputNumber' : 'inputText', { cols: DX_COL.kind - DX_COL.unit + 1, numFmt: typeof v === 'number' ? unitFormat(kpi.unit, decimalsOf(v)) : undefined });
    b.put(listRow, noteFrom, ft?.note ?? '', 'inputText', { cols: noteTo - noteFrom + 1 });
    b.height(listRow, Math.max(wrappedHeight([kpi.name], WIDTHS.name, 9, 16), wrappedHeight([typeof v === 'string' ? v : ''], 21, 9, 16)));
  });
  b.height(listHeaderRow, 18);

  S.anchors = anchors;
  DX_ANCHORS.set(S, dx);
  S.print = {
    paper: 'A3',
    landscape: true,
    fitToWidth: 1,
    fitToHeight: 1, // one page per 実施項目, as the source prints it
    header: header.title,
    footer: sheetName,
    printArea: `A1:${columnLetter(lastCol)}${lastRow}`,
  };
  return S;
}

function conditional(S: SheetLayout, ref: string, flag: string): void {
  S.conditionalFormats.push({ ref, formula: `${flag}=1`, look: 'achieved', priority: 1 }, { ref, formula: `${flag}=0`, look: 'missed', priority: 2 });
}

/** A plan value as a formula literal: a number, quoted text, or "" for none. */
function literal(v: number | string | undefined): string {
  if (v === undefined) return '""';
  return typeof v === 'number' ? String(v) : quote(v);
}
