// Reads a Gunma DX 個別取組票 (layout/dx-sheet.ts) back into an item, by its labels: 目標・改革・実施項目・
// 取組の方向性・取組所属 in the first column, the 指標項目 / R5目標値 list, ○具体的取組及び工程 (目標/実績 rows under
// the 令和N年度 / N四半期 headings) and ○目標の進捗度（実績） (実績/進捗率 rows, 目標値 columns, the hidden
// 年度実績 helper). Inserted rows and columns do not matter; the hidden metadata supplies what the sheet
// does not show (direction, aggregation, notes, the final target's year). Host-independent (grids).
import type { ActualValue, Item, Kpi, ScheduleTask, TargetValue } from '../model/plan';
import { compareFiscalYears, parseFiscalYear } from '../model/fiscal-year';
import { parseTarget } from '../rules/parse-target';
import { DX_LABELS } from '../layout/dx-sheet';
import { uncircle } from '../layout/grid';
import { address, findCell, findSection, rawText, rowTexts, text, type Grid, type Plain } from './grid';
import { registerItemSheetReader, WorkbookReadError, type CellLocation, type Locations, type MetaItem } from './plan-reader';
import { kpiInputs, QUIET, readInput, sameTarget } from './common';

type MetaKpi = MetaItem['kpis'][number];

const norm = (t: string) => t.replace(/\s/g, '');
const asValue = (v: Plain): ActualValue | undefined => (v === null || v === '' ? undefined : typeof v === 'boolean' ? String(v) : v);

/** 「①」 → {printed 1, deleted false}; 「(②)」 → {printed 2, deleted true}. */
function parseNoLabel(label: string): { printed: number; deleted: boolean } | null {
  const t = label.trim();
  if (!t) return null;
  const m = /^[(（]\s*(.)\s*[)）]$/.exec(t);
  const n = uncircle(m ? m[1] : t);
  return n === null ? null : { printed: n, deleted: !!m };
}

/** Year headings (令和3年度) of a header row, with the columns they start at, left to right. */
function yearHeadings(ws: Grid, row: number): [string, number][] {
  const out: [string, number][] = [];
  for (const [col, t] of rowTexts(ws, row)) {
    const fy = parseFiscalYear(t);
    if (fy && /年度$/.test(norm(t))) out.push([fy, col]);
  }
  return out.sort((a, b) => a[1] - b[1]);
}

/** Quarter columns under year headings: [year, quarter, column]. */
function quarterColumns(ws: Grid, yearRow: number, quarterRow: number): [string, 1 | 2 | 3 | 4, number][] {
  const years = yearHeadings(ws, yearRow);
  const out: [string, 1 | 2 | 3 | 4, number][] = [];
  for (const [col, t] of rowTexts(ws, quarterRow)) {
    const m = /^([1-4])四半期$/.exec(norm(t));
    if (!m) continue;
    const fy = years.filter(([, c]) => c <= col).pop()?.[0];
    if (fy) out.push([fy, Number(m[1]) as 1 | 2 | 3 | 4, col]);
  }
  return out;
}

export function readDxSheet(ws: Grid, meta: MetaItem, file: string, locations: Locations = {}, ctx = QUIET): Item {
  const fail = (ja: string, en: string, cell: string | null = null) => new WorkbookReadError(file, ws.name, cell, ja, en);
  const L = DX_LABELS;
  const scheduleAt = findSection(ws, L.scheduleSection);
  const progressAt = findSection(ws, L.progressSection);
  if (!progressAt) throw fail(`「${L.progressSection}」の見出しが見つかりません`, `the 「${L.progressSection}」 heading is missing`);
  const headerEnd = (scheduleAt ?? progressAt).row;

  // Header: label in one cell, the value in the next non-empty cell to its right.
  const labelValue = (label: string): string => {
    const at = findCell(ws, (t) => norm(t) === label, 1, headerEnd);
    if (!at) return '';
    const cells = rowTexts(ws, at.row).filter(([c]) => c > at.col);
    return cells.length ? rawText(ws, at.row, cells[0][0]) : '';
  };
  const stripPrefix = (value: string, prefix: string) => (value.startsWith(prefix) ? value.slice(prefix.length).replace(/^[ \u3000]+/, '') : value);
  const goalName = stripPrefix(labelValue(L.goal), String(meta.goal.no));
  const reformName = stripPrefix(labelValue(L.reform), String(meta.reform.no));
  const title = stripPrefix(labelValue(L.item), `(${meta.no})`);

  // 指標項目 | R5目標値 | 備考
  const list = new Map<string, { value: Plain; note: string }>();
  const listHeader = findCell(ws, (t) => t === L.indicator, 1, headerEnd);
  if (listHeader) {
    const cells = rowTexts(ws, listHeader.row);
    const valueCol = cells.find(([, t]) => t.endsWith(L.finalTargetSuffix))?.[0];
    const noteCol = cells.find(([, t]) => t === L.note)?.[0];
    for (let r = listHeader.row + 1; r < headerEnd; r++) {
      const label = text(ws, r, listHeader.col);
      const parsed = parseNoLabel(label);
      if (!parsed) break;
      list.set(`${parsed.deleted ? 'd' : 'a'}${parsed.printed}`, { value: valueCol ? ws.value(r, valueCol) : null, note: noteCol ? rawText(ws, r, noteCol) : '' });
    }
  }

  const schedule = scheduleAt ? readSchedule(ws, scheduleAt.row, progressAt.row) : [];

  // ○目標の進捗度（実績）: the header row is the first below the heading that has 区分 (rows may be inserted between).
  const h = findCell(ws, (t) => norm(t) === L.kind, progressAt.row + 1)?.row ?? progressAt.row + 1;
  const quarterRow = findCell(ws, (t) => /^[1-4]四半期$/.test(norm(t)), h + 1)?.row ?? h + 1;
  const headerCells = rowTexts(ws, h);
  const colOf = (test: (t: string) => boolean) => headerCells.find(([, t]) => test(norm(t)))?.[0];
  const noCol = colOf((t) => t === L.indicator);
  const unitCol = colOf((t) => t === L.unit);
  const baseCol = colOf((t) => t.startsWith('基準年'));
  const kindCol = colOf((t) => t === L.kind);
  if (!noCol || !unitCol || !baseCol || !kindCol) throw fail('進捗度の表の見出し（指標項目・単位・基準年・区分）が揃っていません', 'the progress table header is incomplete', address(h, progressAt.col));
  const nameCol = noCol + 1;
  const quarters = quarterColumns(ws, h, quarterRow);
  const years = yearHeadings(ws, h).map(([y]) => y);
  const targetColOf = new Map<string, number>();
  const yearHelperOf = new Map<string, number>();
  for (const y of years) {
    const q4 = quarters.find(([fy, q]) => fy === y && q === 4)?.[2];
    const tc = headerCells.find(([c, t]) => q4 !== undefined && c > q4 && norm(t) === L.target)?.[0];
    if (tc) targetColOf.set(y, tc);
  }
  for (const [c, t] of headerCells) {
    const m = /^年度実績・率\s*(\S+)$/.exec(t);
    if (m) yearHelperOf.set(m[1], c);
  }

  const metaKpis = [...meta.kpis];
  const used = new Set<MetaKpi>();
  const kpis: Kpi[] = [];
  const countAt = findSection(ws, L.count, quarterRow + 1);
  const end = countAt?.row ?? ws.rowCount + 1;
  for (let r = quarterRow + 1; r < end; r++) {
    if (text(ws, r, kindCol) !== L.actual) continue;
    const aRow = r;
    let pRow = r + 1;
    while (pRow < end && text(ws, pRow, kindCol) !== L.progress && text(ws, pRow, kindCol) !== L.actual) pRow++;
    if (text(ws, pRow, kindCol) !== L.progress) throw fail('実績の行の下に進捗率の行がありません', 'no 進捗率 row below the 実績 row', address(aRow, kindCol));
    const label = parseNoLabel(text(ws, aRow, noCol));
    if (!label && !text(ws, aRow, nameCol)) {
      r = pRow; // the empty indicator rows of a sheet without indicators
      continue;
    }
    if (!label) throw fail('指標の番号（①…）が読めません', 'cannot read the indicator number (①…)', address(aRow, noCol));
    const m =
      metaKpis.find((k) => !used.has(k) && !!k.deleted === label.deleted && (k.printedNo ?? k.no) === label.printed) ??
      metaKpis.find((k) => !used.has(k) && k.no === label.printed);
    if (m) used.add(m);
    const direction = m?.direction ?? 'higher';
    const no = m?.no ?? label.printed;
    const targets: Record<string, TargetValue> = {};
    const actuals: Record<string, ActualValue> = {};
    const quarterly: Record<string, (number | string | null)[]> = {};
    let deletedFrom: { year: string; reason: string } | null = null;
    const where = ((locations[meta.id] ??= {})[no] = {} as Record<string, CellLocation>);
    for (const y of years) {
      const qCols = quarters.filter(([fy]) => fy === y).sort((a, b) => a[1] - b[1]);
      const tCol = targetColOf.get(y);
      if (qCols.length !== 4 || !tCol) continue;
      where[y] = { sheet: ws.name, target: address(aRow, tCol), rate: address(pRow, tCol), actual: address(aRow, qCols[3][2]) };
      // A year the indicator is deleted from shows its reason across the year: 「（目標達成のため削除）」.
      const deletedText = /^（(.*)）$/.exec(rawText(ws, aRow, qCols[0][2]).trim());
      if (m?.deleted && compareFiscalYears(y, m.deleted.from) >= 0 && deletedText) {
        deletedFrom ??= { year: y, reason: deletedText[1] === '削除' && !m.deleted.reason ? '' : deletedText[1] };
        continue;
      }
      // Each quarter is an input cell: a formula or an error value typed there is reported at its cell. The
      // quarters' number formats print the unit (「28.3%」 is 28.3 under 0.0"%"), so no percent reading ('').
      const input = kpiInputs(ws, meta.id, no);
      const cells = qCols.map(([, , c]) => {
        const v = readInput(input(aRow, c, 'actual', y), ctx, '');
        return v === null || v === '' ? null : typeof v === 'boolean' ? String(v) : v;
      });
      if (cells.some((c) => c !== null) || m?.quarterlyActuals?.[y] !== undefined) quarterly[y] = cells;
      const t = ws.value(aRow, tCol);
      const metaTarget = m?.targets?.[y];
      // A live relative target (前年度以上) keeps its words or object form; its cell shows the resolved number.
      if (ws.formula(aRow, tCol) && metaTarget !== undefined && parseTarget(metaTarget, direction).kind === 'relative') targets[y] = metaTarget;
      else if (t !== null && t !== '') targets[y] = sameTarget(metaTarget, t, direction) ? metaTarget! : typeof t === 'boolean' ? String(t) : t;
      const a = direction === 'qualitative' ? asValue(ws.value(pRow, tCol)) : yearHelperOf.has(y) ? asValue(ws.value(aRow, yearHelperOf.get(y)!)) : undefined;
      if (a !== undefined) actuals[y] = a;
    }
    const baseline = asValue(ws.value(aRow, baseCol));
    const listed = list.get(`${label.deleted ? 'd' : 'a'}${label.printed}`);
    const { finalTarget: metaFinal, quarterlyActuals: _q, targets: _t, deleted: _d, ...rest } = (m ?? { no, direction }) as MetaKpi;
    const kpi = {
      ...rest,
      no,
      name: rawText(ws, aRow, nameCol),
      unit: rawText(ws, aRow, unitCol),
      direction,
      ...(baseline !== undefined ? { baseline } : {}),
      targets,
      actuals,
      ...(Object.keys(quarterly).length ? { quarterlyActuals: quarterly } : {}),
      ...(deletedFrom ? { deleted: { from: deletedFrom.year, reason: deletedFrom.reason } } : m?.deleted ? { deleted: m.deleted } : {}),
    } as Kpi;
    if (listed && ((listed.value !== null && listed.value !== '') || listed.note)) {
      kpi.finalTarget = {
        year: metaFinal?.year ?? years[years.length - 1] ?? 'R5',
        value: listed.value === null || listed.value === '' ? '' : typeof listed.value === 'boolean' ? String(listed.value) : listed.value,
        ...(listed.note ? { note: listed.note } : {}),
      };
    } else if (metaFinal && !listed) {
      kpi.finalTarget = metaFinal; // not on the list (a deleted indicator's): travels in the metadata
    }
    kpis.push(kpi);
    r = pRow;
  }

  const item: Item = {
    id: meta.id,
    goal: { no: meta.goal.no, name: goalName || meta.goal.name },
    reform: { ...meta.reform, name: reformName || meta.reform.name },
    no: meta.no,
    title,
    leadDept: labelValue(L.leadDept),
    relatedDepts: labelValue(L.relatedDepts),
    dataUtilization: false,
    situation: '',
    problems: '',
    reformContent: labelValue(L.direction),
    kpis,
    referenceIndicators: [],
    schedule,
    evaluations: {},
  };
  // What the DX sheet does not show travels in the metadata.
  const m = meta as MetaItem & Record<string, unknown>;
  for (const key of ['situation', 'problems', 'dataUtilization'] as const) if (m[key] !== undefined) (item as Record<string, unknown>)[key] = m[key];
  if (meta.notes) item.notes = meta.notes;
  for (const key of ['code', 'section', 'expectedEffects', 'highlights', 'revisions'] as const) {
    if (meta[key] !== undefined) (item as Record<string, unknown>)[key] = meta[key];
  }
  schedule.forEach((task, i) => {
    const mt = meta.schedule[i];
    if (mt?.yearNotes !== undefined) task.yearNotes = mt.yearNotes;
  });
  return item;
}

function readSchedule(ws: Grid, sectionRow: number, endRow: number): ScheduleTask[] {
  const L = DX_LABELS;
  const yearRow = findCell(ws, (t) => t === L.task, sectionRow + 1, endRow)?.row ?? sectionRow + 1;
  const quarterRow = findCell(ws, (t) => /^[1-4]四半期$/.test(norm(t)), yearRow + 1, endRow)?.row ?? yearRow + 1;
  const header = rowTexts(ws, yearRow);
  const taskCol = header.find(([, t]) => t === L.task)?.[0];
  const relatedCol = header.find(([, t]) => t === L.relatedKpis)?.[0];
  const labelCol = header.find(([, t]) => norm(t) === norm(L.planResult))?.[0];
  if (!taskCol || !labelCol) return [];
  const quarters = quarterColumns(ws, yearRow, quarterRow);
  const tasks: ScheduleTask[] = [];
  let group: string | undefined;
  for (let r = quarterRow + 1; r < endRow; r++) {
    const label = text(ws, r, labelCol);
    if (label === L.plan) {
      const name = rawText(ws, r, taskCol);
      const planHasText = quarters.some(([, , c]) => rawText(ws, r, c) !== '') || quarters.some(([, , c]) => rawText(ws, r + 1, c) !== '');
      if (!name && !planHasText && !rawText(ws, r, relatedCol ?? taskCol)) {
        r += 1; // the empty task row of a sheet without tasks
        continue;
      }
      const task: ScheduleTask = {
        relatedKpis: relatedCol ? [...text(ws, r, relatedCol)].map((ch) => uncircle(ch)).filter((n): n is number => n !== null) : [],
        task: name,
        plan: {},
        result: {},
      };
      for (const [line, quarterList, notesKey] of [
        [r, task.plan, 'planNotes'],
        [r + 1, task.result, 'resultNotes'],
      ] as const) {
        for (const [fy, q, col] of quarters) {
          let t = rawText(ws, line, col);
          if (!t) continue;
          if (t.startsWith(L.scheduled)) {
            (quarterList[fy] ??= []).push(q);
            t = t.slice(L.scheduled.length);
          }
          if (t) ((task[notesKey] ??= {})[fy] ??= {} as Record<'1' | '2' | '3' | '4', string>)[String(q) as '1'] = t;
        }
      }
      if (group !== undefined) task.group = group;
      tasks.push(task);
      r += 1;
    } else if (!label) {
      const cells = rowTexts(ws, r);
      if (cells.length === 1 && cells[0][0] < labelCol) group = rawText(ws, r, cells[0][0]);
    }
  }
  return tasks;
}

registerItemSheetReader('gunma-dx', readDxSheet);
