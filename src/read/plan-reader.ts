// Reads a workbook made by hyoka back into a plan (v1), from its sheets as host-independent grids. Every cell is found by its labels
// (【基準年】, 目標/達成率/実績, 計画/結果, 達成件数 …), not by fixed addresses, so inserted rows and
// columns, renamed and reordered sheets do not lose data. The hidden metadata supplies what the
// sheets do not show (direction, rate formula, history).
import type { ActualValue, Item, Kpi, Layout, Plan, ReferenceIndicator, ScheduleTask, TargetValue } from '../model/plan';
import type { TargetChangeRequest } from '../model/plan';
import { DEFAULT_LAYOUT } from '../layout/registry';
import { LABELS } from '../layout/gunma-sheet';
import { circled, uncircle } from '../layout/grid';
import { META_MARKER, META_SHEET, type PlanMetadata } from '../layout/workbook';
import { restoreStandIns } from '../layout/text';
import { actualRowBelow, asActual, checkKpiBlocks, evaluationTexts, kpiInputs, QUIET } from './common';
import { readInput, readTargetCell, yearColumns, type ReadContext } from './common';
import { address, findCell as gridFind, findInColumn, rawText as gridRaw, type Grid } from './grid';
import { rowTexts as gridRows, text as gridText } from './grid';
import { noteIssue, type ReadIssue } from './issues';
import { metadataProblem } from './metadata-check';

export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    readonly sheet: string | null,
    readonly cell: string | null,
    readonly ja: string,
    readonly en: string,
  ) {
    super(`${file}${sheet ? ` [${sheet}${cell ? `!${cell}` : ''}]` : ''}: ${ja} / ${en}`);
  }
}

/** Where each KPI-year's cells are, for messages that name the cell: locations[itemId][kpiNo][year]. */
export interface CellLocation {
  sheet: string;
  target: string;
  rate: string;
  actual: string;
}
export type Locations = Record<string, Record<number, Record<string, CellLocation>>>;

/** The hidden metadata of a workbook's grids, checked (metadata-check.ts); a WorkbookReadError when absent or damaged. */
export function readMetadata(grids: Grid[], file: string): PlanMetadata {
  const ws = grids.find((g) => g.name === META_SHEET) ?? grids.find((g) => gridText(g, 1, 1) === META_MARKER);
  if (!ws) throw new WorkbookReadError(file, null, null, `hyoka の評価ワークブックではありません（非表示シート ${META_SHEET} がありません）`, `not a hyoka evaluation workbook (hidden sheet ${META_SHEET} is missing)`);
  let json = '';
  for (let r = 2; r <= ws.rowCount; r++) json += gridRaw(ws, r, 1);
  // LibreOffice, saving a second time, breaks long cell texts with line feeds; JSON.stringify never writes a raw one.
  json = json.replace(/[\r\n]/g, '');
  let meta: unknown;
  try {
    meta = JSON.parse(json);
  } catch {
    throw new WorkbookReadError(file, ws.name, 'A2', 'メタデータが壊れています', 'the metadata is damaged');
  }
  const problem = metadataProblem(meta);
  if (problem) throw new WorkbookReadError(file, ws.name, 'A2', problem.ja, problem.en);
  return meta as PlanMetadata;
}

/** The hidden marker 'hyoka:item:ID' in row 1 of an item sheet. */
function itemIdOf(ws: Grid): string | null {
  for (const [, t] of gridRows(ws, 1)) if (t.startsWith('hyoka:item:')) return t.slice('hyoka:item:'.length);
  return null;
}


export type MetaItem = PlanMetadata['items'][number];

const ITEM_NOTES = { ja: '実施項目', en: 'the item' };

/** Reads one item sheet of a given layout back into an item. Layouts register theirs here. */
export type ItemSheetReader = (ws: Grid, meta: MetaItem, file: string, locations: Locations, ctx?: ReadContext) => Item;
const READERS: Partial<Record<Layout, ItemSheetReader>> = {};
export function registerItemSheetReader(layout: Layout, reader: ItemSheetReader): void {
  READERS[layout] = reader;
}

/** Appends carried texts to a notes field (the metadata's own notes first). */
function withNotes(notes: string | undefined, carried: string[]): string | undefined {
  const all = [notes, ...carried].filter((t): t is string => !!t);
  return all.length ? all.join('\n') : undefined;
}

export function readItemSheet(ws: Grid, meta: MetaItem, file: string, locations: Locations = {}, ctx = QUIET): Item {
  const fail = (ja: string, en: string, cell: string | null = null) => new WorkbookReadError(file, ws.name, cell, ja, en);
  // The KPI table's header: the 【基準年】 cell of a row that also has the 目標/実績 heading.
  const isHeader = (r: number) => gridRows(ws, r).some(([, t]) => t.replace(/\s/g, '') === '目標実績');
  let header = gridFind(ws, (t) => t.startsWith(LABELS.baseYear));
  while (header && !isHeader(header.row)) header = gridFind(ws, (t) => t.startsWith(LABELS.baseYear), header.row + 1);
  if (!header) throw fail('【基準年】の見出しが見つかりません', 'the 【基準年】 header is missing');
  const headerTexts = gridRows(ws, header.row);
  const colOf = (label: string) => headerTexts.find(([, t]) => t.replace(/\s/g, '') === label)?.[0];
  const nameCol = colOf('指標項目');
  const kindCol = colOf('目標実績');
  const unitCol = colOf('単位');
  const noCol = colOf('取組目標');
  const kgiCol = colOf('ＫＧＩ');
  const baseCol = header.col;
  if (!nameCol || !kindCol || !unitCol || !noCol) throw fail('指標表の見出し（取組目標・指標項目・目標/実績・単位）が揃っていません', 'the KPI table header is incomplete');
  const years = yearColumns(ws, header.row, { ctx, itemId: meta.id });
  // Section labels sit in the first (取組目標) column: a KPI or a task named like a section is a name.
  const scheduleRow = findInColumn(ws, noCol, (t) => t === LABELS.scheduleSection, header.row + 1);
  const evaluationRow = findInColumn(ws, noCol, (t) => t === LABELS.evaluationSection, header.row + 1);
  const kpiEnd = scheduleRow ?? evaluationRow ?? ws.rowCount + 1;

  const labelAt = (label: string) => gridFind(ws, (t) => t.replace(/\s/g, '') === label.replace(/\s/g, ''), 1, header.row);
  const rightOf = (at: { row: number; col: number } | null) => {
    if (!at) return '';
    const cells = gridRows(ws, at.row).filter(([c]) => c > at.col);
    return cells.length ? gridRaw(ws, at.row, cells[0][0]) : '';
  };
  const narrativeText = (prefix: string) => {
    const at = gridFind(ws, (t) => t.startsWith(prefix), 1, header.row);
    return at ? gridRaw(ws, at.row + 1, at.col) : '';
  };

  const metaKpis = new Map(meta.kpis.map((k) => [k.no, k]));
  const kpis: Kpi[] = [];
  const references: ReferenceIndicator[] = [];
  const itemNotes: string[] = [];
  // Text in rows the layout does not have (inserted inside a block, or cleared labels) goes to the notes
  // of the block above: the last KPI, or the item once the 参考指標 have begun.
  const carry = (r: number, kpi?: Kpi) => {
    for (const [col, t] of gridRows(ws, r)) {
      if (kpi) kpi.notes = withNotes(kpi.notes, [gridRaw(ws, r, col)]);
      else itemNotes.push(gridRaw(ws, r, col));
      const into = kpi ? { ja: `取組目標 ${circled(kpi.no)}`, en: `KPI ${circled(kpi.no)}` } : ITEM_NOTES;
      ctx.report(noteIssue({ g: ws, row: r, col, itemId: meta.id }, t, into));
    }
  };
  const blockAbove = () => (references.length === 0 ? kpis[kpis.length - 1] : undefined);
  const blockEnd = new Map<number, number>(); // KPI no → its 実績 row
  for (let r = header.row + 1; r < kpiEnd; r++) {
    const kind = gridText(ws, r, kindCol);
    const name = gridRaw(ws, r, nameCol);
    if (kind === LABELS.target) {
      const no = uncircle(gridText(ws, r, noCol));
      if (no === null) throw fail('取組目標の番号（①…）が読めません', 'cannot read the KPI number (①…)', address(r, noCol));
      const m = metaKpis.get(no);
      const direction = m?.direction ?? 'higher';
      const aRow = actualRowBelow(ws, r, kpiEnd, kindCol, LABELS);
      if (aRow === null) throw fail('目標の行の下に実績の行がありません', 'no 実績 row below the 目標 row', address(r, kindCol));
      const unit = gridRaw(ws, r, unitCol);
      const input = kpiInputs(ws, meta.id, no);
      const targetOf = (fy: string) => m?.targets?.[fy];
      const deletedLabel = LABELS.deleted;
      const targets: Record<string, TargetValue> = {};
      const actuals: Record<string, ActualValue> = {};
      const where = ((locations[meta.id] ??= {})[no] = {} as Record<string, CellLocation>);
      for (const [fy, col] of years) {
        where[fy] = { sheet: ws.name, target: address(r, col), rate: address(r + 1, col), actual: address(aRow, col) };
        const cell = input(r, col, 'target', fy);
        const target = readTargetCell({ cell, ctx, unit, metaTarget: targetOf(fy), direction, deletedLabel });
        if (target !== undefined) targets[fy] = target;
        const a = asActual(readInput(input(aRow, col, 'actual', fy), ctx, unit));
        if (a !== undefined) actuals[fy] = a;
      }
      const kgi = kgiCol ? ws.value(r, kgiCol) : null;
      const baseline = asActual(readInput(input(aRow, baseCol, 'baseline'), ctx, unit));
      kpis.push({
        ...(m ?? { no, direction }),
        no,
        name,
        unit,
        ...(typeof kgi === 'number' ? { kgi } : {}),
        ...(baseline !== undefined ? { baseline } : {}),
        direction,
        targets,
        actuals,
      } as Kpi);
      for (let inner = r + 1; inner < aRow; inner++) {
        if (gridText(ws, inner, kindCol) !== LABELS.rate) carry(inner, blockAbove());
      }
      blockEnd.set(no, aRow);
      r = aRow;
    } else if (kind === LABELS.actual && name) {
      const actuals: Record<string, ActualValue> = {};
      for (const [fy, col] of years) {
        const a = asActual(ws.value(r, col));
        if (a !== undefined) actuals[fy] = a;
      }
      const baseline = asActual(ws.value(r, baseCol));
      const notes = meta.referenceIndicators[references.length]?.notes;
      references.push({ name, unit: gridRaw(ws, r, unitCol), ...(baseline !== undefined ? { baseline } : {}), actuals, ...(notes ? { notes } : {}) });
    } else carry(r, blockAbove());
  }
  const metaNos = meta.kpis.map((k) => k.no);
  const ordered = checkKpiBlocks(ws, kpis, { metaNos, blockEnd, headerRow: header.row, noCol, itemId: meta.id, ctx });

  const scheduleEnd = evaluationRow ?? ws.rowCount + 1;
  const area = (sectionRow: number) => ({ sectionRow, endRow: scheduleEnd, noCol, nameCol, labelCol: baseCol, carry });
  const schedule: ScheduleTask[] = scheduleRow ? readSchedule(ws, area(scheduleRow)) : [];
  const evaluation = evaluationRow ? readEvaluations(ws, evaluationRow, noCol) : null;
  // Rows added below the sheet: carried into the item's notes.
  if (evaluation) for (let r = evaluation.lastRow + 1; r <= ws.rowCount; r++) carry(r);
  const item: Item = {
    id: meta.id,
    goal: { no: meta.goal.no, name: rightOf(labelAt('目標')) || meta.goal.name },
    reform: { no: meta.reform.no, name: rightOf(labelAt('改革')) || meta.reform.name },
    no: meta.no,
    title: rightOf(labelAt('実施項目')),
    leadDept: rightOf(labelAt('取組所属')),
    relatedDepts: rightOf(labelAt('関係所属')),
    dataUtilization: rightOf(gridFind(ws, (t) => t.startsWith('官民データ活用'), 1, header.row)) === '◎',
    situation: narrativeText('【現状'),
    problems: narrativeText('【問題・課題'),
    reformContent: narrativeText('【改革内容'),
    kpis: ordered,
    referenceIndicators: references,
    schedule,
    evaluations: evaluation?.texts ?? {},
  };
  if (evaluation && Object.keys(evaluation.remarks).length) item.remarks = evaluation.remarks;
  for (const kpi of ordered) {
    const requests = evaluation?.changes.get(kpi.no);
    if (requests) kpi.targetChangeRequests = requests;
  }
  const notes = withNotes(meta.notes, itemNotes);
  if (notes) item.notes = notes;
  for (const key of ['code', 'section', 'expectedEffects', 'highlights', 'revisions'] as const) {
    if (meta[key] !== undefined) (item as Record<string, unknown>)[key] = meta[key];
  }
  schedule.forEach((task, i) => {
    const m = meta.schedule[i];
    if (m?.group !== undefined) task.group = m.group;
    if (m?.yearNotes !== undefined) task.yearNotes = m.yearNotes;
  });
  return item;
}

interface ScheduleArea {
  sectionRow: number;
  endRow: number;
  noCol: number;
  nameCol: number;
  /** The column of the 計画 / 結果 labels (the 【基準年】 column): a task named 計画 is a task. */
  labelCol: number;
  /** Where text typed in rows the schedule does not have goes (the item's notes). */
  carry: (row: number) => void;
}

function readSchedule(ws: Grid, { sectionRow, endRow, noCol, nameCol, labelCol, carry }: ScheduleArea): ScheduleTask[] {
  const yearRow = sectionRow + 1;
  const years = yearColumns(ws, yearRow);
  const quarterCols: [string, number, number][] = [];
  for (const [col, t] of gridRows(ws, yearRow + 1)) {
    const q = /^([1-4])四半期$/.exec(t);
    if (!q) continue;
    const fy = [...years].filter(([, c]) => c <= col).sort((a, b) => b[1] - a[1])[0]?.[0];
    if (fy) quarterCols.push([fy, Number(q[1]), col]);
  }
  const tasks: ScheduleTask[] = [];
  for (let r = yearRow + 2; r < endRow; r++) {
    if (gridText(ws, r, labelCol) !== LABELS.plan) {
      carry(r);
      continue;
    }
    // The 結果 row: the first below labelled so (a clerk may have inserted rows between), else the next row.
    const labelOf = (row: number) => gridText(ws, row, labelCol);
    let resultRow = r + 1;
    const isLabel = (row: number) => labelOf(row) === LABELS.result || labelOf(row) === LABELS.plan;
    while (resultRow < endRow && !isLabel(resultRow)) resultRow++;
    if (labelOf(resultRow) !== LABELS.result) resultRow = r + 1;
    for (let inner = r + 1; inner < resultRow; inner++) carry(inner);
    const task: ScheduleTask = {
      relatedKpis: [...gridText(ws, r, noCol)].map((ch) => uncircle(ch)).filter((n): n is number => n !== null),
      task: gridRaw(ws, r, nameCol),
      plan: {},
      result: {},
    };
    for (const [line, quarters, notesKey] of [
      [r, task.plan, 'planNotes'],
      [resultRow, task.result, 'resultNotes'],
    ] as const) {
      for (const [fy, q, col] of quarterCols) {
        let t = gridRaw(ws, line, col);
        if (!t) continue;
        if (t.startsWith(LABELS.scheduled)) {
          (quarters[fy] ??= []).push(q);
          t = t.slice(LABELS.scheduled.length);
        }
        if (t) ((task[notesKey] ??= {})[fy] ??= {} as Record<'1' | '2' | '3' | '4', string>)[String(q) as '1'] = t;
      }
    }
    tasks.push(task);
    r = resultRow;
  }
  return tasks;
}

/**
 * The three evaluation rows, by the labels in their own column (a clerk's 「次年度への課題は…」 is a text),
 * and the last row of the sheet's layout.
 */
function readEvaluations(ws: Grid, sectionRow: number, labelCol: number) {
  const years = yearColumns(ws, sectionRow);
  const first = (label: string) => label.split('\n')[0];
  const rowOf = (label: string) =>
    findInColumn(ws, labelCol, (t) => t.startsWith(first(label)), sectionRow + 1) ?? undefined;
  const rows: Record<'factors' | 'nextYearIssues' | 'response', number | undefined> = {
    factors: rowOf(LABELS.factors),
    nextYearIssues: rowOf(LABELS.nextYearIssues),
    response: rowOf(LABELS.response),
  };
  const count = findInColumn(ws, labelCol, (t) => t === LABELS.count, sectionRow + 1) ?? sectionRow;
  const requests = readRemarksAndTargetChanges(ws, years, sectionRow, labelCol);
  const lastRow = Math.max(sectionRow, count, requests.lastRow, ...Object.values(rows).map((r) => r ?? 0));
  return { texts: evaluationTexts(ws, years, rows), remarks: requests.remarks, changes: requests.changes, lastRow };
}

/** 備考 per year and each KPI's 目標変更 (new value, reason) per year, by their labels (gunma-sheet.ts). */
export function readRemarksAndTargetChanges(ws: Grid, years: Map<string, number>, sectionRow: number, labelCol: number) {
  const remarks: Record<string, string> = {};
  const changes = new Map<number, Record<string, TargetChangeRequest>>();
  let lastRow = 0;
  const remarksRow = findInColumn(ws, labelCol, (t) => t === LABELS.remarks, sectionRow + 1);
  if (remarksRow) {
    lastRow = remarksRow;
    for (const [fy, col] of years) if (gridRaw(ws, remarksRow, col)) remarks[fy] = gridRaw(ws, remarksRow, col);
  }
  const suffix = ` ${LABELS.targetChangeValue}`;
  for (let r = sectionRow + 1; r <= ws.rowCount; r++) {
    const label = gridText(ws, r, labelCol);
    const no = label.endsWith(suffix) ? uncircle(label) : null;
    if (no === null) continue;
    const reasonRow = gridText(ws, r + 1, labelCol).endsWith(LABELS.targetChangeReason) ? r + 1 : null;
    lastRow = Math.max(lastRow, reasonRow ?? r);
    for (const [fy, col] of years) {
      const raw = ws.value(r, col);
      const value = typeof raw === 'number' ? raw : gridRaw(ws, r, col) || undefined;
      const reason = reasonRow ? gridRaw(ws, reasonRow, col) || undefined : undefined;
      if (value !== undefined || reason !== undefined) {
        const request: TargetChangeRequest = {};
        if (value !== undefined) request.value = value;
        if (reason !== undefined) request.reason = reason;
        (changes.get(no) ?? changes.set(no, {}).get(no)!)[fy] = request;
      }
    }
  }
  return { remarks, changes, lastRow };
}

registerItemSheetReader('gunma-evaluation', readItemSheet);

/**
 * The plan a workbook holds, from its sheets as grids: metadata plus every value clerks can see and edit.
 * With `issues`, what the readers noticed (read/issues.ts) is collected there and the read goes on;
 * without, the first issue that would lose or misread data is thrown, naming its sheet and cell.
 */
export function gridsToPlan(grids: Grid[], file: string, locations: Locations = {}, issues?: ReadIssue[]): Plan {
  const meta = readMetadata(grids, file);
  const report = (issue: ReadIssue) => {
    if (issues) issues.push(issue);
    else if (issue.severity === 'error') throw new WorkbookReadError(file, issue.sheet, issue.cell, issue.ja, issue.en);
  };
  const ctx: ReadContext = { years: meta.plan.years, report };
  const layout = meta.layout ?? DEFAULT_LAYOUT;
  const readSheet = READERS[layout];
  if (!readSheet) throw new WorkbookReadError(file, null, null, `レイアウト「${layout}」のシートを読む機能がありません`, `no reader for layout "${layout}"`);
  const byId = new Map(meta.items.map((m) => [m.id, m]));
  const found = new Map<string, Item>();
  for (const ws of grids) {
    const id = itemIdOf(ws);
    if (!id) continue;
    const m = byId.get(id);
    if (!m) throw new WorkbookReadError(file, ws.name, null, `実施項目 ${id} はメタデータにありません`, `item ${id} is not in the metadata`);
    if (found.has(id)) throw new WorkbookReadError(file, ws.name, null, `実施項目 ${id} のシートが2つあります`, `two sheets hold item ${id}`);
    const item = restoreStandIns(readSheet(ws, m, file, locations, ctx), m.standIns);
    if ('remarks' in m && m.remarks) item.remarks ??= m.remarks; // layouts without a 備考 row carry it in the metadata
    found.set(id, item);
  }
  const missing = meta.items.filter((m) => !found.has(m.id));
  if (missing.length) {
    throw new WorkbookReadError(file, null, null, `実施項目のシートが見つかりません: ${missing.map((m) => `${m.id}（${m.sheet}）`).join('、')}`, `item sheets are missing: ${missing.map((m) => m.id).join(', ')}`);
  }
  return { version: 1, plan: meta.plan, kgis: meta.kgis, ...(meta.goals ? { goals: meta.goals } : {}), items: meta.items.map((m) => found.get(m.id)!) };
}
