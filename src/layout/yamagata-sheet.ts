// The Yamagata progress summary (SOURCE-LAYOUTS.md §5, seed 002): one 取組状況 sheet per numbered 取組
// — 目標 (第N with its subtitle) and 取組, the 主な取組実績 / 主な取組計画 bullets per year, and the
// 【主な目標指標】 table: 基準値 with its year, the final target with its year or period, 実績 per year, and
// live 進捗率 / 基準からの進捗 / 経過 / ペース比 that mirror rules/progress.ts cell for cell. Pure data.
//
// One sheet per 取組 rather than per goal: the workbook's unit is the item (the registry, the reader's
// hidden marker, 一覧's rows and the clerk who fills it are all per item), and each goal's indicators
// sit on the 取組 whose subject they measure (see the seed's notes), so every figure has one home.
import type { Goal, Kpi } from '../model/plan';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { elapsedFor, isPeriodTotal, progressOf, type Progress } from '../rules/progress';
import { rateMethodOf } from '../rules/rate';
import { a1, columnLetter } from './a1';
import { displayFormula, guardedPercent, percentFormula, quote, type KpiYearRefs } from './formulas';
import { circled, SheetBuilder, wrappedHeight } from './grid';
import type { ItemSheetInput } from './gunma-sheet';
import { numberFormatFor, targetNumberFormat } from './number-format';
import type { SheetLayout } from './types';

export const YAMAGATA_LABELS = {
  sheetTitle: '取組状況',
  goal: '目標',
  item: '取組',
  leadDept: '取組所属',
  kpiSection: '【主な目標指標】',
  name: '目標指標',
  unit: '単位',
  baseline: '基準値',
  baselineYear: '基準年',
  target: '目標値',
  targetYear: '目標年度',
  period: '目標期間',
  actuals: '実績',
  latest: '時点',
  progress: '進捗率',
  fromBase: '基準からの進捗',
  elapsed: '経過',
  pace: 'ペース比',
  note: '注記',
  bullet: '○',
} as const;

/** 【令和4年度の主な取組実績】 for a year already reported, 【令和5年度の主な取組計画】 for a later one. */
export function highlightHeading(year: string, reported: boolean): string {
  const n = Number(year.slice(1));
  const era = year.startsWith('R') ? `令和${n === 1 ? '元' : n}` : `平成${n === 1 ? '元' : n}`;
  return `【${era}年度の主な取組${reported ? '実績' : '計画'}】`;
}

/** The year of a highlight heading, and whether it reports results: 【令和4年度の主な取組実績】 → R4. */
export function parseHighlightHeading(text: string): { year: string; reported: boolean } | null {
  const m = /^【(令和|平成)(元|\d{1,2})年度の主な取組(実績|計画)】$/.exec(text.normalize('NFKC').replace(/\s/g, ''));
  if (!m) return null;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  return { year: `${m[1] === '令和' ? 'R' : 'H'}${n}`, reported: m[3] === '実績' };
}

/** What a Yamagata sheet also needs from the plan: the goals' subtitles (optional; absent → none). */
export type YamagataSheetInput = ItemSheetInput & { goals?: Goal[] };

const WIDTH = { no: 7, name: 28, unit: 6, base: 8, baseYear: 6, target: 8, targetYear: 6, period: 10, year: 7.5, latest: 5, progress: 7.5, fromBase: 8.5, elapsed: 6, pace: 7.5, note: 24 };

export function buildYamagataSheet(input: ItemSheetInput): SheetLayout {
  const { header, item, sheetName } = input;
  const goals = (input as YamagataSheetInput).goals;
  const L = YAMAGATA_LABELS;
  const years = header.years;
  const C = { no: 1, name: 2, unit: 3, base: 4, baseYear: 5, target: 6, targetYear: 7, period: 8, firstYear: 9 };
  const yearCol = (i: number) => C.firstYear + i;
  const latestCol = yearCol(years.length);
  const progressCol = latestCol + 1;
  const fromBaseCol = latestCol + 2;
  const elapsedCol = latestCol + 3;
  const paceCol = latestCol + 4;
  const noteCol = latestCol + 5;
  const lastCol = noteCol;
  // Hidden helpers after a spacer: latest actual, years spent, and the unrounded percents.
  const H = { latest: lastCol + 2, elapsed: lastCol + 3, progress: lastCol + 4, fromBase: lastCol + 5, pace: lastCol + 6, meta: lastCol + 7 };

  const b = new SheetBuilder(sheetName, 'item');
  const S = b.layout;
  S.columns = [
    { width: WIDTH.no },
    { width: WIDTH.name },
    { width: WIDTH.unit },
    { width: WIDTH.base },
    { width: WIDTH.baseYear },
    { width: WIDTH.target },
    { width: WIDTH.targetYear },
    { width: WIDTH.period },
    ...years.map(() => ({ width: WIDTH.year })),
    { width: WIDTH.latest },
    { width: WIDTH.progress },
    { width: WIDTH.fromBase },
    { width: WIDTH.elapsed },
    { width: WIDTH.pace },
    { width: WIDTH.note },
    { width: 2, hidden: true },
    ...[1, 2, 3, 4, 5, 6].map(() => ({ width: 9, hidden: true })),
  ];
  const textWidth = S.columns.slice(1, lastCol).reduce((sum, c) => sum + c.width, 0);

  // 1. Title line and the hidden marker the reader finds the item by.
  const split = C.firstYear + years.length - 1;
  b.put(1, 1, `${header.title}　${L.sheetTitle}`, 'title', { cols: split });
  b.put(1, split + 1, `第${item.goal.no} ／ ${L.item} ${item.reform.no}`, 'titleRight', { cols: lastCol - split });
  b.put(1, H.meta, `hyoka:item:${item.id}`, 'helper');
  b.height(1, 24);
  S.legendRow = 2; // free between the title and 目標: a locked sheet's 入力欄 legend

  // 2. 目標 (with its subtitle), 取組, 取組所属.
  const goal = goals?.find((g) => g.no === item.goal.no);
  const subtitle = goal?.subtitle ? `～ ${goal.subtitle} ～` : '';
  b.put(3, 1, L.goal, 'label', { rows: 2 });
  b.put(3, 2, `第${item.goal.no}　${item.goal.name}`, 'value', { cols: lastCol - 1 });
  b.put(4, 2, subtitle, 'value', { cols: lastCol - 1 });
  b.height(3, wrappedHeight([item.goal.name], textWidth, 9, 18));
  b.height(4, wrappedHeight([subtitle], textWidth, 9, 18));
  b.put(5, 1, L.item, 'label');
  b.put(5, 2, item.title, 'value', { cols: lastCol - 1 });
  b.height(5, wrappedHeight([item.title], textWidth, 9, 20));
  b.put(6, 1, L.leadDept, 'label');
  b.put(6, 2, item.leadDept, 'inputText', { cols: lastCol - 1 });
  b.height(6, 24);

  // 3. 主な取組実績 / 計画 per year: one bullet a row (input), and one spare row for the next.
  let row = 8;
  const reportedUpTo = latestReportedYear(input);
  const highlightYears = years.filter((y) => item.highlights?.[y] !== undefined);
  for (const y of Object.keys(item.highlights ?? {})) if (!highlightYears.includes(y)) highlightYears.push(y);
  for (const y of highlightYears) {
    b.put(row, 1, highlightHeading(y, reportedUpTo !== null && yearIndex(years, y) <= yearIndex(years, reportedUpTo)), 'section', { cols: lastCol });
    b.height(row, 20);
    row += 1;
    for (const text of [...(item.highlights?.[y] ?? []), '']) {
      const sub = text.startsWith('・');
      b.put(row, 1, text && !sub ? L.bullet : '', 'valueCenter');
      b.put(row, 2, text, 'inputText', { cols: lastCol - 1 });
      b.height(row, wrappedHeight([text], textWidth, 9, 18));
      row += 1;
    }
    row += 1;
  }

  // 4. 【主な目標指標】 with live progress.
  if (item.kpis.length > 0) {
    b.put(row, 1, L.kpiSection, 'section', { cols: 4 });
    b.height(row, 20);
    row += 1;
    const h = row;
    const twoRows = { rows: 2 };
    b.put(h, C.no, 'No.', 'header', twoRows);
    b.put(h, C.name, L.name, 'header', twoRows);
    b.put(h, C.unit, L.unit, 'header', twoRows);
    b.put(h, C.base, L.baseline, 'header', twoRows);
    b.put(h, C.baseYear, L.baselineYear, 'header', twoRows);
    b.put(h, C.target, L.target, 'header', twoRows);
    b.put(h, C.targetYear, L.targetYear, 'header', twoRows);
    b.put(h, C.period, L.period, 'header', twoRows);
    b.put(h, C.firstYear, L.actuals, 'header', { cols: years.length });
    years.forEach((y, i) => b.put(h + 1, yearCol(i), formatFiscalYearLabel(y), 'header'));
    b.put(h, latestCol, L.latest, 'header', twoRows);
    b.put(h, progressCol, L.progress, 'header');
    b.put(h + 1, progressCol, '対目標', 'headerSmall');
    b.put(h, fromBaseCol, L.fromBase, 'header');
    b.put(h + 1, fromBaseCol, '対基準', 'headerSmall');
    b.put(h, elapsedCol, L.elapsed, 'header');
    b.put(h + 1, elapsedCol, '年数', 'headerSmall');
    b.put(h, paceCol, L.pace, 'header');
    b.put(h + 1, paceCol, '対経過', 'headerSmall');
    b.put(h, noteCol, L.note, 'header', twoRows);
    (['latest', 'elapsed', 'progress', 'fromBase', 'pace'] as const).forEach((k) => b.put(h, H[k], `hyoka:${k}`, 'helper'));
    b.height(h, 24);
    b.height(h + 1, 16);
    row = h + 2;

    item.kpis.forEach((kpi) => {
      const p = progressOf(kpi, header);
      kpiRow(b, kpi, p, row);
      row += 1;
    });

    // What the columns mean, under the table.
    b.put(row, 1, PROGRESS_LEGEND, 'labelLeft', { cols: lastCol });
    b.height(row, wrappedHeight([PROGRESS_LEGEND], textWidth, 8, 24));
    row += 1;
  }

  function kpiRow(b: SheetBuilder, kpi: Kpi, p: Progress, r: number): void {
    const fmt = numberFormatFor({ targets: {}, actuals: kpi.actuals, baseline: kpi.baseline });
    // A worded target (「75%以上」) keeps its number in the cell and its words in the format, as on the Gunma sheet.
    const rawTarget = kpi.finalTarget?.value ?? kpi.periodTarget?.value ?? '';
    const targetValue = p.target ?? rawTarget;
    const targetFmt = targetNumberFormat(rawTarget, p.target ?? 0, numberFormatFor({ targets: { t: targetValue }, actuals: {} }));
    b.put(r, C.no, circled(kpi.no), 'valueCenter');
    b.put(r, C.name, kpi.name, 'value');
    b.put(r, C.unit, kpi.unit, 'valueCenter');
    const baseline = kpi.baseline ?? '';
    b.put(r, C.base, baseline, typeof baseline === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: typeof baseline === 'number' ? fmt : undefined });
    b.put(r, C.baseYear, kpi.baselineYear ? formatFiscalYearLabel(kpi.baselineYear) : '', 'valueCenter');
    b.put(r, C.target, targetValue, typeof targetValue === 'number' ? 'inputNumber' : 'inputCenter', { numFmt: typeof targetValue === 'number' ? targetFmt : undefined });
    b.put(r, C.targetYear, p.targetYear ? formatFiscalYearLabel(p.targetYear) : '', 'valueCenter');
    b.put(r, C.period, periodText(kpi), 'valueCenter');
    years.forEach((y, i) => {
      const v = kpi.actuals[y];
      const numeric = typeof v === 'number' || v === undefined;
      b.put(r, yearCol(i), v ?? '', numeric ? 'inputNumber' : 'inputCenter',
        { numFmt: numeric ? fmt : undefined, input: { year: y, field: 'actual' } });
      S.validations.push({ ref: a1(r, yearCol(i)), type: 'decimal', promptTitle: L.actuals, prompt: `数値で入力してください（単位：${kpi.unit || 'なし'}${isPeriodTotal(kpi) ? '、期間の累計' : ''}）。該当なしは「－」`, errorTitle: '数値ではありません', error: '実績は数値で入力してください（単位は列に表示されています）。' });
    });
    S.validations.push({ ref: a1(r, C.target), type: 'decimal', promptTitle: L.target, prompt: `数値で入力してください（単位：${kpi.unit || 'なし'}）`, errorTitle: '数値ではありません', error: '目標値は数値で入力してください。' });
    b.put(r, noteCol, p.flags.map((f) => f.ja).join('\n'), 'value');
    b.height(r, Math.max(wrappedHeight([kpi.name], WIDTH.name, 9, 20), wrappedHeight([p.flags.map((f) => f.ja).join('\n')], WIDTH.note, 8, 20)));

    const t = a1(r, C.target);
    const base = a1(r, C.base);
    const latest = a1(r, H.latest);
    const elapsed = a1(r, H.elapsed);
    const refs = (percent: string): KpiYearRefs => ({ target: t, actual: latest, percent, flag: '' });
    if (kpi.direction === 'qualitative') {
      for (const c of [latestCol, progressCol, fromBaseCol, elapsedCol, paceCol]) b.put(r, c, '', 'rate');
      return;
    }
    // Latest actual and its year: the last year column holding a number.
    const chain = (pick: (i: number) => string) => years.reduce((rest, _y, i) => `IF(ISNUMBER(${a1(r, yearCol(i))}),${pick(i)},${rest})`, '""');
    b.formula(r, H.latest, chain((i) => a1(r, yearCol(i))), p.actual ?? '', 'helper');
    b.formula(r, latestCol, chain((i) => quote(formatFiscalYearLabel(years[i]))), p.latestYear ? formatFiscalYearLabel(p.latestYear) : '', 'rate');
    const spans = years.map((y) => elapsedFor(kpi, header, y));
    const span = spans.find((s) => s !== null)?.span ?? null;
    if (span !== null) {
      b.formula(r, H.elapsed, chain((i) => String(spans[i]!.elapsed)), p.elapsed ?? '', 'helper');
      b.formula(r, elapsedCol, `IF(${elapsed}="","",${elapsed}&"/${span}年")`, p.elapsedDisplay ?? '', 'rate');
    } else {
      b.put(r, H.elapsed, '', 'helper');
      b.put(r, elapsedCol, '', 'rate');
    }
    // 進捗率: the KPI's own rate formula against the final target.
    b.formula(r, H.progress, percentFormula(kpi, refs('')), p.rate ?? '', 'helper');
    b.formula(r, progressCol, displayFormula(kpi, refs(a1(r, H.progress))), p.display ?? '', 'rate');
    // 基準からの進捗.
    b.formula(r, H.fromBase, `IF(AND(ISNUMBER(${t}),ISNUMBER(${latest}),ISNUMBER(${base})),IF(${t}=${base},"",${guardedPercent(`(${latest}-${base})/(${t}-${base})*100`)}),"")`, p.fromBase ?? '', 'helper');
    b.formula(r, fromBaseCol, displayFormula(kpi, refs(a1(r, H.fromBase))), p.fromBaseDisplay ?? '', 'rate');
    // ペース比: the period total's share, or the progress from the baseline, over the share of time spent.
    let pace: string | null = null;
    if (span !== null && isPeriodTotal(kpi)) {
      if (rateMethodOf(kpi) === 'ratio') pace = `IF(AND(ISNUMBER(${t}),ISNUMBER(${latest}),ISNUMBER(${elapsed})),IF(${elapsed}=0,"",IF(${t}=0,"",${guardedPercent(`${latest}/(${t}*${elapsed}/${span})*100`)})),"")`;
    } else if (span !== null) {
      pace = `IF(AND(ISNUMBER(${t}),ISNUMBER(${latest}),ISNUMBER(${base}),ISNUMBER(${elapsed})),IF(${elapsed}=0,"",IF(${t}=${base},"",${guardedPercent(`(${latest}-${base})/((${t}-${base})*${elapsed}/${span})*100`)})),"")`;
    }
    if (pace) b.formula(r, H.pace, pace, p.pace ?? '', 'helper');
    else b.put(r, H.pace, '', 'helper');
    b.formula(r, paceCol, displayFormula(kpi, refs(a1(r, H.pace))), p.paceDisplay ?? '', 'rate');

    // A target for another year than the plan's last is marked where it is read.
    if (p.flags.some((f) => f.code === 'targetOutsidePlan' || f.code === 'targetOtherYear')) {
      for (const c of [C.targetYear, noteCol]) S.conditionalFormats.push({ ref: a1(r, c), formula: `${a1(r, c)}<>""`, look: 'missing', priority: 4 });
    }
    // Green once the final target is reached; the pace green at or above 100, red below.
    const reached = a1(r, H.progress);
    const paceRaw = a1(r, H.pace);
    S.conditionalFormats.push(
      { ref: a1(r, progressCol), formula: `AND(ISNUMBER(${reached}),${reached}>=100)`, look: 'achieved', priority: 1 },
      { ref: a1(r, paceCol), formula: `AND(ISNUMBER(${paceRaw}),${paceRaw}>=100)`, look: 'achieved', priority: 2 },
      { ref: a1(r, paceCol), formula: `AND(ISNUMBER(${paceRaw}),${paceRaw}<100)`, look: 'missed', priority: 3 },
    );
  }

  S.print = {
    paper: 'A4',
    landscape: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: [1, 1],
    header: header.title,
    footer: sheetName,
    printArea: `A1:${columnLetter(lastCol)}${Math.max(row - 1, 6)}`,
  };
  return S;
}

export const PROGRESS_LEGEND =
  '進捗率＝最新の実績÷目標値（累計目標は期間の累計÷期間の目標）。基準からの進捗＝（実績−基準値）÷（目標値−基準値）。' +
  '経過＝累計目標は期間の年度のうち実績のある年度まで、その他は基準年から目標年度までの年数のうち経過した年数。' +
  'ペース比＝累計目標は進捗率、その他は基準からの進捗を経過の割合で割ったもの（100%以上で計画どおりのペース）。';

/** 「R3～R6累計」 for a period total, 「R2年度～」 for an open-ended one, else nothing. */
export function periodText(kpi: Kpi): string {
  const p = kpi.periodTarget;
  if (!p) return '';
  const from = formatFiscalYearLabel(p.from);
  if (p.kind === 'openEnded' || !p.to) return `${from}～`;
  return `${from}～${formatFiscalYearLabel(p.to)}${p.kind === 'total' ? '累計' : '平均'}`;
}

/** The year the plan reports (its 時点, 「令和4年度実績…」), else the last year this item has an actual: headings up to it read 実績, later ones 計画. */
function latestReportedYear(input: ItemSheetInput): string | null {
  const withActuals = input.header.years.filter((y) => input.item.kpis.some((k) => k.actuals[y] !== undefined));
  const planned = input.header.asOf ? asOfYear(input.header.asOf) : null;
  return planned ?? withActuals[withActuals.length - 1] ?? null;
}

/** 「令和4年度実績…」 → R4: the year a plan's 時点 reports. */
function asOfYear(asOf: string): string | null {
  const m = /(令和|平成)(元|\d{1,2})年度/.exec(asOf.normalize('NFKC'));
  if (!m) return null;
  return `${m[1] === '令和' ? 'R' : 'H'}${m[2] === '元' ? 1 : Number(m[2])}`;
}

function yearIndex(years: string[], y: string): number {
  const i = years.indexOf(y);
  return i >= 0 ? i : Number.MAX_SAFE_INTEGER;
}
