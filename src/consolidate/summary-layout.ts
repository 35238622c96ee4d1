// The summary workbook as data: four sheets of rows (実施項目別, 集計, 未達成, 読込結果), each cell a
// value and a named style, rendered by summary-write.ts. No formulas: every value is the engine's,
// and text from department files can only ever be a value.
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { circled, wrappedHeight } from '../layout/grid';
import type { StyleName } from '../layout/styles';
import type { RollupKind } from '../rules/rollup';
import { rateCell } from '../rules/rate-cell';
import { inputProblemText, type Consolidation, type FileReport, type FileStatus, type KpiYearRow } from './types';

export type Look = 'achieved' | 'missed' | 'missing';

export interface SummaryCell {
  value: string | number | null;
  style: StyleName;
  numFmt?: string;
  /** Fill and font colour of the evaluation sheets (green achieved, red missed, yellow missing). */
  look?: Look;
}

export interface HeaderCell {
  col: number; // 1-based
  label: string;
  rows?: number;
  cols?: number;
}

export interface SummarySheet {
  name: string;
  title: string;
  subtitle: string;
  /** Column widths (Excel units); the number of columns. */
  columns: number[];
  /** Header rows, each a list of (possibly merged) labels. */
  header: HeaderCell[][];
  rows: SummaryCell[][];
  /** Row heights in points, by data row index; absent = default. */
  rowHeights: Record<number, number>;
  /** 1-based columns whose data rows get a data bar from 0 to 100 (rates in percent). */
  dataBars: number[];
  autoFilter: boolean;
  /** Columns kept in view when scrolling right. */
  freezeCols: number;
  tabColor: string;
}

export interface SummaryLayout {
  title: string;
  sheets: SummarySheet[];
}

export const SHEETS = { items: '実施項目別', rollups: '集計', misses: '未達成', files: '読込結果' } as const;

export const STATUS_LABEL: Record<FileStatus, string> = { read: '読込済', duplicates: '重複あり', unreadable: '読込不可', skipped: '対象外' };
const STATUS_LOOK: Record<FileStatus, Look | undefined> = { read: 'achieved', duplicates: 'missing', unreadable: 'missed', skipped: undefined };
const KIND_LABEL: Record<RollupKind, string> = { plan: '計画全体', goal: '目標', reform: '改革', dept: '所属', kgi: 'ＫＧＩ' };
const RATE_FORMAT = '0.0"%"';

const text = (value: string | null | undefined, style: StyleName = 'value'): SummaryCell => ({ value: value ?? '', style });
const num = (value: number | null, style: StyleName = 'overviewNumber', numFmt?: string): SummaryCell => ({ value, style, ...(numFmt ? { numFmt } : {}) });
const plain = (value: number | string | null): SummaryCell => ({ value: value ?? '', style: 'valueCenter' });
const numbered = (x: { no: number; name: string }) => `${x.no}　${x.name}`;

/** A rate as the number it shows (rules/rate-cell.ts); 達成, 未達成 and 「－」 stay text. */
function rate(display: string | null, look?: Look): SummaryCell {
  const cell = rateCell(display);
  const shown: SummaryCell = cell ? { value: cell.value, style: 'valueCenter', numFmt: cell.numFmt } : { value: display ?? '', style: 'valueCenter' };
  return look ? { ...shown, look } : shown;
}

/** Height of a row whose cells wrap: the tallest of its texts in their column widths. */
export function rowHeight(cells: SummaryCell[], widths: number[]): number {
  return Math.max(15, ...cells.map((c, i) => (typeof c.value === 'string' && c.value ? wrappedHeight([c.value], widths[i] ?? 8, 9, 15) : 15)));
}

/** An input that cannot be evaluated is told apart from one not yet entered (the 回収状況 sheet says why). */
const INVALID_LABEL = '入力不備';

function lookOf(r: KpiYearRow): Look | undefined {
  if (r.achieved === true) return 'achieved';
  if (r.achieved === false) return 'missed';
  if (r.status === 'noActual' || r.status === 'invalid') return 'missing';
  return undefined;
}

export function summaryLine(c: Consolidation): { ja: string; en: string } {
  const t = c.totals;
  return {
    ja: `ファイル ${t.files} 件（読込 ${t.read}・読込不可 ${t.unreadable}${t.skipped ? `・対象外 ${t.skipped}` : ''}）、実施項目 ${t.items} 件、指標 ${t.kpis} 件、重複 ${t.duplicates} 件、未達成 ${t.misses} 件${t.inputProblems ? `、入力不備 ${t.inputProblems} 件` : ''}`,
    en: `${t.files} files (${t.read} read, ${t.unreadable} unreadable${t.skipped ? `, ${t.skipped} skipped` : ''}), ${t.items} items, ${t.kpis} KPIs, ${t.duplicates} duplicates, ${t.misses} misses${t.inputProblems ? `, ${t.inputProblems} inputs to correct` : ''}`,
  };
}

export function buildSummaryLayout(c: Consolidation): SummaryLayout {
  const title = c.plan?.title ?? '集計';
  const subtitle = summaryLine(c).ja;
  return { title, sheets: [itemsSheet(c, title, subtitle), rollupSheet(c, title, subtitle), missesSheet(c, title, subtitle), filesSheet(c, title, subtitle)] };
}

function itemsSheet(c: Consolidation, title: string, subtitle: string): SummarySheet {
  const years = c.plan?.years ?? [];
  const fixed = ['No.', '取組所属', '目標', '改革', '実施項目', '指標（ＫＰＩ）'];
  const header: HeaderCell[] = [
    ...fixed.map((label, i) => ({ col: i + 1, label })),
    ...years.map((y, i) => ({ col: fixed.length + 1 + i, label: `達成率\n${formatFiscalYearLabel(y)}` })),
    ...years.map((y, i) => ({ col: fixed.length + 1 + years.length + i, label: `達成件数\n${formatFiscalYearLabel(y)}` })),
    { col: fixed.length + 2 * years.length + 1, label: 'ファイル' },
    { col: fixed.length + 2 * years.length + 2, label: 'シート' },
  ];
  const rows: SummaryCell[][] = [];
  const rowHeights: Record<number, number> = {};
  for (const item of c.items) {
    const kpis = item.kpis.length ? item.kpis : [null];
    for (const k of kpis) {
      const kpiLabel = k ? `${circled(k.no)} ${k.name}` : '（指標なし）';
      rows.push([
        plain(item.no),
        text(item.dept),
        text(numbered(item.goal)),
        text(numbered(item.reform)),
        text(item.title),
        text(kpiLabel),
        ...years.map((y): SummaryCell => {
          const r = k?.years[y];
          return rate(r?.status === 'invalid' ? INVALID_LABEL : (r?.display ?? null), r && lookOf(r));
        }),
        ...years.map((y) => text(item.counts[y]?.display ?? '', 'overviewCount')),
        text(item.file),
        text(item.sheet),
      ]);
    }
  }
  const columns = [5, 18, 22, 22, 28, 30, ...years.map(() => 9), ...years.map(() => 9), 30, 22];
  rows.forEach((cells, i) => (rowHeights[i] = rowHeight(cells, columns)));
  return {
    name: SHEETS.items,
    title: `${SHEETS.items}　${title}`,
    subtitle,
    columns,
    header: [header],
    rows,
    rowHeights,
    dataBars: [],
    autoFilter: true,
    freezeCols: 6,
    tabColor: 'FF1F3864',
  };
}

function rollupSheet(c: Consolidation, title: string, subtitle: string): SummarySheet {
  const years = c.plan?.years ?? [];
  const colOf = (i: number) => 4 + i * 3;
  const header: HeaderCell[][] = [
    [
      { col: 1, label: '区分', rows: 2 },
      { col: 2, label: '名称', rows: 2 },
      { col: 3, label: '実施項目数', rows: 2 },
      ...years.map((y, i) => ({ col: colOf(i), label: formatFiscalYearLabel(y), cols: 3 })),
    ],
    years.flatMap((_, i) => [
      { col: colOf(i), label: '達成' },
      { col: colOf(i) + 1, label: '評価' },
      { col: colOf(i) + 2, label: '達成率' },
    ]),
  ];
  const rows = c.rollups.map((r): SummaryCell[] => {
    const total = r.kind === 'plan';
    const name = r.kind === 'plan' || r.kind === 'dept' ? r.label : r.kind === 'kgi' ? `ＫＧＩ${r.key}　${r.label}` : `${r.key}　${r.label}`;
    return [
      text(KIND_LABEL[r.kind], total ? 'overviewTotalLabel' : 'valueCenter'),
      text(name, total ? 'overviewTotalLabel' : 'value'),
      num(r.itemIds.length, total ? 'overviewTotal' : 'overviewNumber'),
      ...years.flatMap((y) => {
        const v = r.years[y];
        const none = !v || v.evaluated === 0;
        const style: StyleName = total ? 'overviewTotal' : 'overviewNumber';
        return [num(none ? null : v.achieved, style), num(none ? null : v.evaluated, style), num(none ? null : v.rate, style, RATE_FORMAT)];
      }),
    ];
  });
  const columns = [9, 44, 8, ...years.flatMap(() => [6, 6, 10])];
  return {
    name: SHEETS.rollups,
    title: `${SHEETS.rollups}　${title}`,
    subtitle: `${subtitle}　（達成率 = 達成 / 評価。評価 = 目標と実績がそろった指標の件数）`,
    columns,
    header,
    rows,
    rowHeights: Object.fromEntries(rows.map((cells, i) => [i, rowHeight(cells, columns)])),
    dataBars: years.map((_, i) => colOf(i) + 2),
    autoFilter: false,
    freezeCols: 2,
    tabColor: 'FF375623',
  };
}

function missesSheet(c: Consolidation, title: string, subtitle: string): SummarySheet {
  const labels = ['年度', 'No.', '取組所属', '実施項目', '指標（ＫＰＩ）', '目標', '実績', '単位', '達成率', '要因分析', '次年度への課題', 'ファイル', 'シート', 'セル'];
  const rows = c.misses.map((m): SummaryCell[] => [
    plain(formatFiscalYearLabel(m.year)),
    plain(m.itemNo),
    text(m.dept),
    text(m.title),
    text(`${circled(m.kpiNo)} ${m.kpiName}`),
    plain(m.target),
    plain(m.actual),
    plain(m.unit),
    rate(m.display ?? null, 'missed'),
    text(m.factors, 'inputText'),
    text(m.nextYearIssues, 'inputText'),
    text(m.file),
    text(m.sheet),
    plain(m.cell),
  ]);
  const columns = [9, 5, 16, 24, 26, 10, 10, 7, 8, 50, 50, 30, 20, 7];
  return {
    name: SHEETS.misses,
    title: `${SHEETS.misses}　${title}`,
    subtitle: `未達成の指標 ${c.misses.length} 件（年度・実施項目順）。要因分析・次年度への課題はその年度の記載`,
    columns,
    header: [labels.map((label, i) => ({ col: i + 1, label }))],
    rows,
    rowHeights: Object.fromEntries(rows.map((cells, i) => [i, rowHeight(cells, columns)])),
    dataBars: [],
    autoFilter: true,
    freezeCols: 5,
    tabColor: 'FFC00000',
  };
}

/** Duplicates grouped by the file whose copy was kept: ids, then which differ from the kept copy. */
function duplicateText(dups: FileReport['duplicates']): string {
  const byFile = new Map<string, typeof dups>();
  for (const d of dups) byFile.set(d.keptFrom, [...(byFile.get(d.keptFrom) ?? []), d]);
  return [...byFile]
    .map(([file, ds]) => {
      const differ = ds.filter((d) => !d.identical).map((d) => d.id);
      const same = differ.length === 0 ? '（すべて同一内容）' : `（内容が異なる: ${differ.join('、')}）`;
      return `${ds.map((d) => d.id).join('、')}${same}\n採用したファイル: ${file}`;
    })
    .join('\n');
}

function filesSheet(c: Consolidation, title: string, subtitle: string): SummarySheet {
  const labels = ['ファイル', '状態', '計画', '取込件数', '取り込んだ実施項目', '重複（取り込まず）', '理由・備考', 'シート', 'セル'];
  const rows: SummaryCell[][] = [];
  const rowHeights: Record<number, number> = {};
  for (const f of c.files) {
    const taken = f.items.join('、');
    const dups = duplicateText(f.duplicates);
    const why = [...(f.problem ? [f.problem] : []), ...f.notes, ...f.inputProblems.map(inputProblemText)].map((m) => `${m.ja}\n${m.en}`).join('\n');
    const look = STATUS_LOOK[f.status];
    rows.push([
      text(f.file),
      { value: STATUS_LABEL[f.status], style: 'valueCenter', ...(look ? { look } : {}) },
      text(f.planId ?? ''),
      num(f.status === 'unreadable' || f.status === 'skipped' ? null : f.items.length),
      text(taken),
      text(dups),
      text(why),
      text(f.problem?.sheet ?? ''),
      plain(f.problem?.cell ?? ''),
    ]);
  }
  const columns = [36, 10, 14, 8, 30, 40, 60, 18, 7];
  rows.forEach((cells, i) => (rowHeights[i] = rowHeight(cells, columns)));
  return {
    name: SHEETS.files,
    title: `${SHEETS.files}　${title}`,
    subtitle,
    columns,
    header: [labels.map((label, i) => ({ col: i + 1, label }))],
    rows,
    rowHeights,
    dataBars: [],
    autoFilter: false,
    freezeCols: 1,
    tabColor: 'FF7F7F7F',
  };
}
