// Reads a workbook made by hyoka back into a plan (v1), from its sheets as host-independent grids. Every cell is found by its labels
// (【基準年】, 目標/達成率/実績, 計画/結果, 達成件数 …), not by fixed addresses, so inserted rows and
// columns, renamed and reordered sheets do not lose data. The hidden metadata supplies what the
// sheets do not show (direction, rate formula, history).
import type { ActualValue, Item, Kpi, Layout, Plan, ReferenceIndicator, ScheduleTask, TargetValue } from '../model/plan';
import { DEFAULT_LAYOUT } from '../layout/registry';
import { LABELS } from '../layout/gunma-sheet';
import { uncircle } from '../layout/grid';
import { META_MARKER, META_SHEET, type PlanMetadata } from '../layout/workbook';
import { restoreStandIns } from '../layout/text';
import { actualRowBelow, asActual, evaluationTexts, readTargetCell, yearColumns } from './common';
import { address, findCell as gridFind, rawText as gridRaw, rowTexts as gridRows, text as gridText, type Grid } from './grid';

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

function readMetadata(grids: Grid[], file: string): PlanMetadata {
  const ws = grids.find((g) => g.name === META_SHEET) ?? grids.find((g) => gridText(g, 1, 1) === META_MARKER);
  if (!ws) throw new WorkbookReadError(file, null, null, `hyoka の評価ワークブックではありません（非表示シート ${META_SHEET} がありません）`, `not a hyoka evaluation workbook (hidden sheet ${META_SHEET} is missing)`);
  let json = '';
  for (let r = 2; r <= ws.rowCount; r++) json += gridRaw(ws, r, 1);
  // LibreOffice, saving a second time, breaks long cell texts with line feeds; JSON.stringify never writes a raw one.
  json = json.replace(/[\r\n]/g, '');
  try {
    return JSON.parse(json) as PlanMetadata;
  } catch {
    throw new WorkbookReadError(file, ws.name, 'A2', 'メタデータが壊れています', 'the metadata is damaged');
  }
}

/** The hidden marker 'hyoka:item:ID' in row 1 of an item sheet. */
function itemIdOf(ws: Grid): string | null {
  for (const [, t] of gridRows(ws, 1)) if (t.startsWith('hyoka:item:')) return t.slice('hyoka:item:'.length);
  return null;
}


export type MetaItem = PlanMetadata['items'][number];

/** Reads one item sheet of a given layout back into an item. Layouts register theirs here. */
export type ItemSheetReader = (ws: Grid, meta: MetaItem, file: string, locations: Locations) => Item;
const READERS: Partial<Record<Layout, ItemSheetReader>> = {};
export function registerItemSheetReader(layout: Layout, reader: ItemSheetReader): void {
  READERS[layout] = reader;
}

export function readItemSheet(ws: Grid, meta: MetaItem, file: string, locations: Locations = {}): Item {
  const fail = (ja: string, en: string, cell: string | null = null) => new WorkbookReadError(file, ws.name, cell, ja, en);
  const header = gridFind(ws, (t) => t.startsWith(LABELS.baseYear));
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
  const years = yearColumns(ws, header.row);
  const scheduleAt = gridFind(ws, (t) => t === LABELS.scheduleSection, header.row);
  const evaluationAt = gridFind(ws, (t) => t === LABELS.evaluationSection, header.row);
  const kpiEnd = (scheduleAt ?? evaluationAt)?.row ?? ws.rowCount + 1;

  const labelAt = (label: string) => gridFind(ws, (t) => t.replace(/\s/g, '') === label.replace(/\s/g, ''), 1, header.row);
  const rightOf = (at: { row: number; col: number } | null) => {
    if (!at) return '';
    const cells = gridRows(ws, at.row).filter(([c]) => c > at.col);
    return cells.length ? gridRaw(ws, at.row, cells[0][0]) : '';
  };
  const narrative = gridFind(ws, (t) => t.startsWith('【現状'), 1, header.row);
  const narrativeText = (prefix: string) => {
    const at = gridFind(ws, (t) => t.startsWith(prefix), 1, header.row);
    return at ? gridRaw(ws, at.row + 1, at.col) : '';
  };

  const metaKpis = new Map(meta.kpis.map((k) => [k.no, k]));
  const kpis: Kpi[] = [];
  const references: ReferenceIndicator[] = [];
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
      const targets: Record<string, TargetValue> = {};
      const actuals: Record<string, ActualValue> = {};
      const where = ((locations[meta.id] ??= {})[no] = {} as Record<string, CellLocation>);
      for (const [fy, col] of years) {
        where[fy] = { sheet: ws.name, target: address(r, col), rate: address(r + 1, col), actual: address(aRow, col) };
        const target = readTargetCell(ws, r, col, m?.targets?.[fy], direction, LABELS.deleted);
        if (target !== undefined) targets[fy] = target;
        const a = asActual(ws.value(aRow, col));
        if (a !== undefined) actuals[fy] = a;
      }
      const kgi = kgiCol ? ws.value(r, kgiCol) : null;
      const baseline = asActual(ws.value(aRow, baseCol));
      kpis.push({
        ...(m ?? { no, direction }),
        no,
        name,
        unit: gridRaw(ws, r, unitCol),
        ...(typeof kgi === 'number' ? { kgi } : {}),
        ...(baseline !== undefined ? { baseline } : {}),
        direction,
        targets,
        actuals,
      } as Kpi);
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
    }
  }

  const schedule: ScheduleTask[] = scheduleAt ? readSchedule(ws, scheduleAt.row, evaluationAt?.row ?? ws.rowCount + 1, noCol, nameCol) : [];
  const evaluations = evaluationAt ? readEvaluations(ws, evaluationAt.row) : {};
  void narrative;
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
    kpis,
    referenceIndicators: references,
    schedule,
    evaluations,
  };
  if (meta.notes) item.notes = meta.notes;
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

function readSchedule(ws: Grid, sectionRow: number, endRow: number, noCol: number, nameCol: number): ScheduleTask[] {
  const yearRow = sectionRow + 1;
  const years = yearColumns(ws, yearRow);
  const quarterCols: [string, number, number][] = [];
  for (const [col, t] of gridRows(ws, yearRow + 1)) {
    const q = /^([1-4])四半期$/.exec(t);
    if (!q) continue;
    const fy = [...years].filter(([, c]) => c <= col).sort((a, b) => b[1] - a[1])[0]?.[0];
    if (fy) quarterCols.push([fy, Number(q[1]), col]);
  }
  const labelCol = gridFind(ws, (t) => t === LABELS.plan, yearRow + 2, endRow)?.col;
  const tasks: ScheduleTask[] = [];
  if (!labelCol) return tasks;
  for (let r = yearRow + 2; r < endRow; r++) {
    if (gridText(ws, r, labelCol) !== LABELS.plan) continue;
    const task: ScheduleTask = {
      relatedKpis: [...gridText(ws, r, noCol)].map((ch) => uncircle(ch)).filter((n): n is number => n !== null),
      task: gridRaw(ws, r, nameCol),
      plan: {},
      result: {},
    };
    for (const [line, quarters, notesKey] of [
      [r, task.plan, 'planNotes'],
      [r + 1, task.result, 'resultNotes'],
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
    r += 1;
  }
  return tasks;
}

function readEvaluations(ws: Grid, sectionRow: number): Item['evaluations'] {
  const years = yearColumns(ws, sectionRow);
  const rows: Record<'factors' | 'nextYearIssues' | 'response', number | undefined> = {
    factors: gridFind(ws, (t) => t.startsWith('要因分析'), sectionRow)?.row,
    nextYearIssues: gridFind(ws, (t) => t.startsWith('次年度への課題'), sectionRow)?.row,
    response: gridFind(ws, (t) => t.startsWith('課題を踏まえての対応'), sectionRow)?.row,
  };
  return evaluationTexts(ws, years, rows);
}

registerItemSheetReader('gunma-evaluation', readItemSheet);

/** The plan a workbook holds, from its sheets as grids: metadata plus every value clerks can see and edit. */
export function gridsToPlan(grids: Grid[], file: string, locations: Locations = {}): Plan {
  const meta = readMetadata(grids, file);
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
    found.set(id, restoreStandIns(readSheet(ws, m, file, locations), m.standIns));
  }
  const missing = meta.items.filter((m) => !found.has(m.id));
  if (missing.length) {
    throw new WorkbookReadError(file, null, null, `実施項目のシートが見つかりません: ${missing.map((m) => `${m.id}（${m.sheet}）`).join('、')}`, `item sheets are missing: ${missing.map((m) => m.id).join(', ')}`);
  }
  return { version: 1, plan: meta.plan, kgis: meta.kgis, ...(meta.goals ? { goals: meta.goals } : {}), items: meta.items.map((m) => found.get(m.id)!) };
}
