// Reads a Saitama 取組項目 sheet (layout/saitama-sheet.ts) back into an item, by its labels: 主担当部局,
// 項目名, 取組内容, the 【目標】 table (＜現状＞ header, ＜目標＞ / 達成率 / 実績 rows), 【工程】 (具体的方策 ×
// year) and 【年度ごとの評価】. Inserted rows and columns do not lose data. What the sheet only displays
// (groups, 期間目標, 最終目標, 期待される効果, the hierarchy line) comes from the hidden metadata.
import type { ActualValue, Item, Kpi, ReferenceIndicator, ScheduleTask, TargetValue } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { SLABELS } from '../layout/saitama-sheet';
import { uncircle } from '../layout/grid';
import { readRemarksAndTargetChanges, registerItemSheetReader, WorkbookReadError, type CellLocation, type Locations, type MetaItem } from './plan-reader';
import { address, findCell, findInColumn, rawText, rowTexts, text, type Grid } from './grid';
import { actualRowBelow, asActual, checkKpiBlocks, evaluationTexts, kpiInputs, QUIET } from './common';
import { readInput, readTargetCell, yearColumns } from './common';

const squash = (t: string) => t.replace(/\s/g, '');

export function readSaitamaSheet(ws: Grid, meta: MetaItem, file: string, locations: Locations = {}, ctx = QUIET): Item {
  const fail = (ja: string, en: string, cell: string | null = null) => new WorkbookReadError(file, ws.name, cell, ja, en);
  const header = findCell(ws, (t) => t === SLABELS.baseline);
  if (!header) throw fail(`${SLABELS.baseline}の見出しが見つかりません`, `the ${SLABELS.baseline} header is missing`);
  const headerTexts = rowTexts(ws, header.row);
  const colOf = (label: string) => headerTexts.find(([, t]) => squash(t) === squash(label))?.[0];
  const noCol = colOf(SLABELS.noHeader);
  const nameCol = colOf(SLABELS.nameHeader);
  const kindCol = colOf(SLABELS.kindHeader);
  const unitCol = colOf(SLABELS.unitHeader);
  const baseCol = header.col;
  if (!noCol || !nameCol || !kindCol || !unitCol) throw fail('目標の表の見出し（番号・目標・区分・単位）が揃っていません', 'the 目標 table header is incomplete');
  const years = yearColumns(ws, header.row, { ctx, itemId: meta.id });
  // Section labels sit in the 番号 column: an indicator or a task named like a section is a name.
  const section = (label: string) => {
    const row = findInColumn(ws, noCol, (t) => t === label, header.row + 1);
    return row === null ? null : { row, col: noCol };
  };
  const scheduleAt = section(SLABELS.schedule);
  const effectsAt = section(SLABELS.effects);
  const evaluationAt = section(SLABELS.evaluation);
  const kpiEnd = (scheduleAt ?? effectsAt ?? evaluationAt)?.row ?? ws.rowCount + 1;

  // Header block: a label and the first value to its right.
  const labels = new Set<string>([SLABELS.no, SLABELS.lead, SLABELS.related, SLABELS.title, SLABELS.content]);
  const rightOf = (label: string) => {
    const at = findCell(ws, (t) => t === label, 1, header.row);
    if (!at) return '';
    const cells = rowTexts(ws, at.row).filter(([c]) => c > at.col);
    return cells.length && !labels.has(cells[0][1]) ? rawText(ws, at.row, cells[0][0]) : '';
  };

  const metaKpis = new Map(meta.kpis.map((k) => [k.no, k]));
  const metaNos = meta.kpis.map((k) => k.no);
  const kpis: Kpi[] = [];
  const blockEnd = new Map<number, number>(); // KPI no → its 実績 row
  const references: ReferenceIndicator[] = [];
  for (let r = header.row + 1; r < kpiEnd; r++) {
    const kind = text(ws, r, kindCol);
    if (kind === SLABELS.target) {
      const no = uncircle(text(ws, r, noCol));
      if (no === null) throw fail('目標の番号（①…）が読めません', 'cannot read the indicator number (①…)', address(r, noCol));
      const m = metaKpis.get(no);
      const direction = m?.direction ?? 'higher';
      const name = rawText(ws, r, nameCol);
      const unit = rawText(ws, r, unitCol);
      const input = kpiInputs(ws, meta.id, no);
      const targetOf = (fy: string) => m?.targets?.[fy];
      const deletedLabel = SLABELS.deleted;
      const aRow = actualRowBelow(ws, r, kpiEnd, kindCol, SLABELS);
      if (aRow === null) throw fail('＜目標＞の行の下に実績の行がありません', 'no 実績 row below the ＜目標＞ row', address(r, kindCol));
      const targets: Record<string, TargetValue> = {};
      const actuals: Record<string, ActualValue> = {};
      const where = ((locations[meta.id] ??= {})[no] = {} as Record<string, CellLocation>);
      for (const [fy, col] of years) {
        where[fy] = { sheet: ws.name, target: address(r, col), rate: address(r + 1, col), actual: address(aRow, col) };
        // 「（左記のとおり）」 stands for a qualitative target that is the indicator's own statement.
        const cell = input(r, col, 'target', fy);
        const target =
          ws.value(r, col) === SLABELS.sameAsName && direction === 'qualitative'
            ? name
            : readTargetCell({ cell, ctx, unit, metaTarget: targetOf(fy), direction, deletedLabel });
        if (target !== undefined) targets[fy] = target;
        const a = asActual(readInput(input(aRow, col, 'actual', fy), ctx, unit));
        if (a !== undefined) actuals[fy] = a;
      }
      const baseline = asActual(readInput(input(aRow, baseCol, 'baseline'), ctx, unit));
      const baselineYear = parseFiscalYear(text(ws, r, baseCol)) ?? undefined;
      const { baselineYear: _metaYear, ...rest } = (m ?? { no, direction }) as Kpi;
      const kgi = (meta as { kpiKgis?: (number | null)[] }).kpiKgis?.[meta.kpis.findIndex((k) => k.no === no)];
      kpis.push({
        ...rest,
        ...(typeof kgi === 'number' ? { kgi } : {}),
        no,
        name,
        unit,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(baselineYear ? { baselineYear } : {}),
        direction,
        targets,
        actuals,
      } as Kpi);
      blockEnd.set(no, aRow);
      r = aRow;
    } else if (kind === SLABELS.actual && rawText(ws, r, nameCol)) {
      const actuals: Record<string, ActualValue> = {};
      for (const [fy, col] of years) {
        const a = asActual(ws.value(r, col));
        if (a !== undefined) actuals[fy] = a;
      }
      const baseline = asActual(ws.value(r, baseCol));
      const notes = meta.referenceIndicators[references.length]?.notes;
      references.push({ name: rawText(ws, r, nameCol), unit: rawText(ws, r, unitCol), ...(baseline !== undefined ? { baseline } : {}), actuals, ...(notes ? { notes } : {}) });
    }
  }

  const schedule = scheduleAt ? readSchedule(ws, scheduleAt.row, (effectsAt ?? evaluationAt)?.row ?? ws.rowCount + 1, meta) : [];
  const read = evaluationAt ? readEvaluations(ws, evaluationAt.row, noCol) : null;
  const evaluations = read?.texts ?? {};
  const m = meta as MetaItem & { situation?: string; problems?: string; dataUtilization?: boolean };
  const item: Item = {
    id: meta.id,
    goal: meta.goal,
    reform: meta.reform,
    no: meta.no,
    title: rightOf(SLABELS.title),
    leadDept: rightOf(SLABELS.lead),
    relatedDepts: rightOf(SLABELS.related),
    dataUtilization: m.dataUtilization ?? false,
    situation: m.situation ?? '',
    problems: m.problems ?? '',
    reformContent: rightOf(SLABELS.content),
    kpis: checkKpiBlocks(ws, kpis, { metaNos, blockEnd, headerRow: header.row, noCol, itemId: meta.id, ctx }),
    referenceIndicators: references,
    schedule,
    evaluations,
  };
  if (read && Object.keys(read.remarks).length) item.remarks = read.remarks;
  for (const kpi of item.kpis) if (read?.changes.has(kpi.no)) kpi.targetChangeRequests = read.changes.get(kpi.no);
  if (meta.notes) item.notes = meta.notes;
  for (const key of ['code', 'section', 'expectedEffects', 'highlights', 'revisions'] as const) {
    if (meta[key] !== undefined) (item as Record<string, unknown>)[key] = meta[key];
  }
  return item;
}

/** Task rows: column A blank (a group heading fills it), the task in the next column, a text per year. */
function readSchedule(ws: Grid, sectionRow: number, endRow: number, meta: MetaItem): ScheduleTask[] {
  const head = findCell(ws, (t) => t === SLABELS.measure, sectionRow, endRow);
  if (!head) return [];
  const years = yearColumns(ws, head.row);
  const tasks: ScheduleTask[] = [];
  for (let r = head.row + 1; r < endRow; r++) {
    if (text(ws, r, head.col)) continue; // a group heading
    const cells = rowTexts(ws, r).filter(([c]) => c > head.col && ![...years.values()].includes(c));
    if (cells.length === 0) continue;
    const task = rawText(ws, r, cells[0][0]);
    const m = meta.schedule[tasks.length] as (MetaItem['schedule'][number] & Partial<ScheduleTask>) | undefined;
    const yearNotes: Record<string, string> = {};
    for (const [fy, col] of years) {
      const t = rawText(ws, r, col);
      if (t) yearNotes[fy] = t;
    }
    tasks.push({
      relatedKpis: m?.relatedKpis ?? [],
      task,
      plan: m?.plan ?? {},
      result: m?.result ?? {},
      ...(m?.planNotes ? { planNotes: m.planNotes } : {}),
      ...(m?.resultNotes ? { resultNotes: m.resultNotes } : {}),
      ...(m?.group !== undefined ? { group: m.group } : {}),
      ...(Object.keys(yearNotes).length > 0 || m?.yearNotes !== undefined ? { yearNotes } : {}),
    });
  }
  return tasks;
}

/** The evaluation rows, by their labels in the label column (a text equal to a label is a text). */
function readEvaluations(ws: Grid, sectionRow: number, labelCol: number) {
  const yearRow = sectionRow + 1;
  const years = yearColumns(ws, yearRow);
  const rowOf = (label: string) => findInColumn(ws, labelCol, (t) => t === label, yearRow) ?? undefined;
  const rows = {
    factors: rowOf(SLABELS.factors),
    nextYearIssues: rowOf(SLABELS.nextYearIssues),
    response: rowOf(SLABELS.response),
  };
  return { texts: evaluationTexts(ws, years, rows), ...readRemarksAndTargetChanges(ws, years, sectionRow, labelCol) };
}

registerItemSheetReader('saitama-action', readSaitamaSheet);
