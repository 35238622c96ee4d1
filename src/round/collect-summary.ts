// The summary of a collected round: the consolidation's sheets over the accepted files (the existing
// summary, src/consolidate), each saying how many items are missing instead of silently covering fewer,
// then 「未提出」 (each department that sent nothing, its items, the file it was sent) and 「回収状況」
// (every file read: status, department, reason, save time, untouched ✓/✗) and 「変更点」 (every change against
// what was sent, at its cell). Also the --json shape.
import { consolidate, buildSummaryLayout } from '../consolidate';
import type { Consolidation, SummaryLayout, SummarySheet } from '../consolidate';
import { rowHeight, type Look, type SummaryCell } from '../consolidate/summary-layout';
import type { ReturnStatus } from './returns';
import { changeCounts, type ChangeSeverity } from './changes';
import { sheetRef } from '../layout/a1';
import { collectLine, type Collection } from './collect';

export const COLLECT_SHEETS = { missing: '未提出', status: '回収状況', changes: '変更点' } as const;

export const RETURN_STATUS_LABEL: Record<ReturnStatus, string> = {
  accepted: '受理',
  superseded: '差替済（不採用）',
  refused: '不受理',
};
const STATUS_LOOK: Record<ReturnStatus, Look> = { accepted: 'achieved', superseded: 'missing', refused: 'missed' };

const text = (value: string, look?: Look): SummaryCell => ({ value, style: 'value', ...(look ? { look } : {}) });
const center = (value: string | number, look?: Look): SummaryCell => ({
  value,
  style: 'valueCenter',
  ...(look ? { look } : {}),
});

/** The consolidation of the accepted files, read once by collect (no file is opened twice). */
export function consolidateAccepted(c: Collection): Promise<Consolidation> {
  const accepted = c.files.filter((f) => f.status === 'accepted').map((f) => f.file);
  return consolidate(accepted, { read: async (file) => c.workbooks.get(file)! });
}

/** A sheet of the summary's look: title, subtitle, one header row, rows of wrapped text. */
interface Table {
  name: string;
  title: string;
  subtitle: string;
  labels: string[];
  columns: number[];
  rows: SummaryCell[][];
  tabColor: string;
}

function tableSheet(options: Table): SummarySheet {
  return {
    name: options.name,
    title: `${options.name}　${options.title}`,
    subtitle: options.subtitle,
    columns: options.columns,
    header: [options.labels.map((label, i) => ({ col: i + 1, label }))],
    rows: options.rows,
    rowHeights: Object.fromEntries(options.rows.map((cells, i) => [i, rowHeight(cells, options.columns)])),
    dataBars: [],
    autoFilter: true,
    freezeCols: 1,
    tabColor: options.tabColor,
  };
}

function missingSheet(c: Collection, title: string): SummarySheet {
  const rows = c.missing.map((m): SummaryCell[] => [
    center(m.department.code ?? ''),
    text(m.department.name, 'missing'),
    center(m.items.length),
    text(m.items.map((i) => `${i.no}　${i.title}`).join('\n')),
    text(m.items.map((i) => i.id).join('、')),
    text(m.file),
  ]);
  const t = c.totals;
  return tableSheet({
    name: COLLECT_SHEETS.missing,
    title,
    subtitle: `未提出 ${t.missing} 所属（全 ${t.departments} 所属）。どの返送ファイルにもない実施項目 ${t.missingItems} 件は集計に含まれていません`,
    labels: ['所属コード', '所属', '項目数', '実施項目', '項目 ID', '配布したファイル'],
    columns: [10, 24, 8, 60, 20, 34],
    rows,
    tabColor: 'FFC00000',
  });
}

const shownTime = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');

function statusSheet(c: Collection, title: string): SummarySheet {
  const rows = c.files.map((f): SummaryCell[] => [
    text(f.file),
    center(RETURN_STATUS_LABEL[f.status], STATUS_LOOK[f.status]),
    text(f.entry?.department.name ?? f.stamp?.recipient.name ?? ''),
    text(f.reason ? `${f.reason.ja}\n${f.reason.en}` : ''),
    center(shownTime(f.savedAt)),
    f.untouched === undefined ? center('') : center(f.untouched ? '✓' : '✗', f.untouched ? undefined : 'missed'),
    text(f.fileHash ?? ''),
  ]);
  const t = c.totals;
  return tableSheet({
    name: COLLECT_SHEETS.status,
    title,
    subtitle:
      `ファイル ${t.files} 件（受理 ${t.accepted}・差替済 ${t.superseded}・不受理 ${t.refused}）。` +
      '変更なし ✓ = 配布時から目標・過年度・定義が変わっていない',
    labels: ['ファイル', '状態', '所属', '理由', '保存日時', '変更なし', 'SHA-256'],
    columns: [36, 14, 22, 70, 20, 9, 30],
    rows,
    tabColor: 'FF7F7F7F',
  });
}

const SEVERITY_LABEL: Record<ChangeSeverity, string> = { error: '要確認', request: '申請', info: '入力' };
const SEVERITY_LOOK: Partial<Record<ChangeSeverity, Look>> = { error: 'missed', request: 'missing' };
const shownValue = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * 変更点: one row per change of every accepted file against what was sent (changes.ts) — 要確認 (locked
 * content changed), 申請 (目標変更), 入力 (the round year's inputs) — with its cell. Filtered by 区分.
 */
export function changeSheets(c: Collection): SummarySheet[] {
  const rows = c.files.flatMap((f) =>
    (f.changes ?? []).map((ch): SummaryCell[] => [
      text(f.file),
      text(f.entry?.department.name ?? ''),
      center(SEVERITY_LABEL[ch.severity], SEVERITY_LOOK[ch.severity]),
      center(ch.itemId ?? ''),
      center(ch.kpiNo ?? ''),
      center(ch.year ?? ''),
      text(shownValue(ch.before)),
      text(shownValue(ch.after)),
      text(ch.place ? sheetRef(ch.place.sheet, ch.place.row, ch.place.col) : ''),
      text(`${ch.message.ja}\n${ch.message.en}`),
    ]),
  );
  const counts = changeCounts(c.files.flatMap((f) => f.changes ?? []));
  return [
    tableSheet({
      name: COLLECT_SHEETS.changes,
      title: c.register.planTitle,
      subtitle: `要確認 ${counts.error} 件・申請 ${counts.request} 件・入力 ${counts.info} 件（配布時との比較）`,
      labels: ['ファイル', '所属', '区分', '実施項目', '指標', '年度', '配布時', '返送', 'セル', '内容'],
      columns: [30, 20, 8, 10, 6, 6, 16, 16, 28, 70],
      rows,
      tabColor: 'FFC09000',
    }),
  ];
}

/** The summary workbook of the round: the consolidation's sheets, then 未提出, 回収状況 (and 変更点). */
export function collectSummaryLayout(c: Collection, consolidation: Consolidation): SummaryLayout {
  const base = buildSummaryLayout(consolidation);
  const t = c.totals;
  const note = t.missingItems
    ? `　※未提出の実施項目 ${t.missingItems} 件（${t.missing} 所属）は含まれていません（「${COLLECT_SHEETS.missing}」）`
    : '';
  const sheets = base.sheets.map((s) => ({ ...s, subtitle: `${collectLine(c).ja}。${s.subtitle}${note}` }));
  return { ...base, sheets: [...sheets, missingSheet(c, base.title), statusSheet(c, base.title), ...changeSheets(c)] };
}

/** What `hyoka collect --json` prints: the round, every file (without the plans), 未提出, and the consolidation. */
export function collectJson(c: Collection, consolidation: Consolidation) {
  const r = c.register;
  return {
    version: 1 as const,
    planId: r.planId,
    planTitle: r.planTitle,
    roundId: r.roundId,
    year: r.year,
    totals: c.totals,
    files: c.files.map((f) => ({
      file: f.file,
      status: f.status,
      reason: f.reason ?? null,
      department: f.entry?.department ?? null,
      sentFile: f.entry?.file ?? null,
      savedAt: f.savedAt ?? null,
      fileHash: f.fileHash ?? null,
      untouched: f.untouched ?? null,
      stamp: f.stamp ?? null,
      changes: f.changes ?? [],
    })),
    missing: c.missing,
    missingItems: c.missingItems,
    consolidation,
  };
}
