// Reads a Yamagata 取組状況 sheet (layout/yamagata-sheet.ts) back into an item, by its labels: 取組 and
// 取組所属, the 【令和N年度の主な取組実績／計画】 bullet lists, and the 【主な目標指標】 table (基準値, 目標値,
// 実績 per year). What the sheet does not show or shows only as a label (direction, target year, period,
// notes) comes from the hidden metadata.
import type { ActualValue, Item, Kpi } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { parseTarget } from '../rules/parse-target';
import { uncircle } from '../layout/grid';
import { YAMAGATA_LABELS as L, parseHighlightHeading } from '../layout/yamagata-sheet';
import { address, findCell, findSection, rawText, rowTexts, text, type Grid, type Plain } from './grid';
import { kpiInputs, QUIET, readInput, type ReadContext } from './common';
import { registerItemSheetReader, WorkbookReadError, type CellLocation, type Locations, type MetaItem } from './plan-reader';

const asValue = (v: Plain): ActualValue | undefined => (v === null || v === '' ? undefined : typeof v === 'boolean' ? String(v) : v);

export function readYamagataSheet(ws: Grid, meta: MetaItem, file: string, locations: Locations = {}, ctx = QUIET): Item {
  const fail = (ja: string, en: string, cell: string | null = null) => new WorkbookReadError(file, ws.name, cell, ja, en);
  const kpiSection = findSection(ws, L.kpiSection);
  const end = kpiSection?.row ?? ws.rowCount + 1;

  // The value right of a label in the header block.
  const rightOf = (label: string): string => {
    const at = findCell(ws, (t) => t === label, 1, end);
    if (!at) return '';
    const cells = rowTexts(ws, at.row).filter(([c]) => c > at.col);
    return cells.length ? rawText(ws, at.row, cells[0][0]) : '';
  };
  const title = rightOf(L.item);
  if (!title) throw fail(`「${L.item}」の欄が見つかりません`, `the ${L.item} (item title) cell is missing`);

  // 主な取組実績 / 計画: the rows under each heading, up to the next 【…】.
  // A heading sits in the column left of the bullets' text, so a bullet a clerk starts with 【 stays a bullet.
  const highlights: Record<string, string[]> = {};
  let year: string | null = null;
  let headingCol = 0;
  let textCol = 2;
  for (let r = 1; r < end; r++) {
    const first = rowTexts(ws, r)[0];
    const heading = first ? parseHighlightHeading(first[1]) : null;
    if (first && (heading || (first[1].startsWith('【') && first[0] === headingCol))) {
      year = heading?.year ?? null;
      if (year) highlights[year] ??= [];
      headingCol = first[0];
      textCol = first[0] + 1;
      continue;
    }
    if (!year) continue;
    const t = rawText(ws, r, textCol);
    if (t.trim()) highlights[year].push(t);
  }

  const kpis = kpiSection ? readKpis(ws, meta, { sectionRow: kpiSection.row, locations, fail, ctx }) : [];
  const item: Item = {
    id: meta.id,
    goal: meta.goal,
    reform: meta.reform,
    no: meta.no,
    title,
    leadDept: rightOf(L.leadDept),
    relatedDepts: '',
    dataUtilization: false,
    situation: '',
    problems: '',
    reformContent: '',
    kpis,
    referenceIndicators: [],
    schedule: [],
    evaluations: {},
  };
  for (const [y, list] of Object.entries(highlights)) if (list.length === 0 && meta.highlights?.[y] === undefined) delete highlights[y];
  if (Object.keys(highlights).length || meta.highlights) item.highlights = highlights;
  if (meta.notes !== undefined) item.notes = meta.notes;
  for (const key of ['code', 'section', 'expectedEffects', 'revisions'] as const) {
    if (meta[key] !== undefined) (item as Record<string, unknown>)[key] = meta[key];
  }
  // What this sheet does not show, when the metadata carries it (a plan of another layout rendered here).
  const extra = meta as MetaItem & { situation?: string; problems?: string; dataUtilization?: boolean; kpiKgis?: (number | null)[] };
  if (extra.situation !== undefined) item.situation = extra.situation;
  if (extra.problems !== undefined) item.problems = extra.problems;
  if (extra.dataUtilization !== undefined) item.dataUtilization = extra.dataUtilization;
  extra.kpiKgis?.forEach((kgi, i) => {
    if (kgi !== null && item.kpis[i]) item.kpis[i].kgi = kgi;
  });
  return item;
}

interface KpiRead {
  sectionRow: number;
  locations: Locations;
  fail: (ja: string, en: string, cell?: string | null) => WorkbookReadError;
  ctx: ReadContext;
}

function readKpis(ws: Grid, meta: MetaItem, { sectionRow, locations, fail, ctx }: KpiRead): Kpi[] {
  const header = findCell(ws, (t) => t === L.name, sectionRow);
  if (!header) throw fail(`【主な目標指標】の見出し「${L.name}」が見つかりません`, `the ${L.name} header of the indicator table is missing`);
  const labels = rowTexts(ws, header.row);
  const colOf = (label: string) => labels.find(([, t]) => t === label)?.[0];
  const noCol = colOf('No.');
  const unitCol = colOf(L.unit);
  const baseCol = colOf(L.baseline);
  const targetCol = colOf(L.target);
  const progressCol = colOf(L.progress);
  if (!noCol || !unitCol || !baseCol || !targetCol) throw fail('主な目標指標の見出し（No.・目標指標・単位・基準値・目標値）が揃っていません', 'the indicator table header is incomplete', address(header.row, header.col));
  // Year columns: the row under 実績.
  const years = new Map<string, number>();
  for (const [col, t] of rowTexts(ws, header.row + 1)) {
    const fy = parseFiscalYear(t);
    if (fy) years.set(fy, col);
  }
  const metaKpis = new Map(meta.kpis.map((k) => [k.no, k]));
  const kpis: Kpi[] = [];
  for (let r = header.row + 2; r <= ws.rowCount; r++) {
    const noText = text(ws, r, noCol);
    const no = uncircle(noText);
    if (no === null) {
      if (noText === '' && text(ws, r, header.col) === '') continue;
      break; // the legend under the table
    }
    const m = metaKpis.get(no);
    const direction = m?.direction ?? 'higher';
    const actuals: Record<string, ActualValue> = {};
    const where = ((locations[meta.id] ??= {})[no] = {} as Record<string, CellLocation>);
    // 実績 and 基準値 are input cells: a formula or an error value typed there is reported at its cell (the
    // unit is in its own column, so no percent reading: '').
    const input = kpiInputs(ws, meta.id, no);
    for (const [fy, col] of years) {
      const a = asValue(readInput(input(r, col, 'actual', fy), ctx, ''));
      if (a !== undefined) actuals[fy] = a;
      where[fy] = { sheet: ws.name, target: address(r, targetCol), rate: address(r, progressCol ?? targetCol), actual: address(r, col) };
    }
    const baseline = asValue(readInput(input(r, baseCol, 'baseline'), ctx, ''));
    const targetCell = asValue(ws.value(r, targetCol));
    const kpi = { ...(m ?? { no, direction, targets: {} }), no, name: rawText(ws, r, header.col), unit: rawText(ws, r, unitCol), direction, actuals } as Kpi;
    kpi.targets ??= {};
    if (baseline !== undefined) kpi.baseline = baseline;
    // The target cell is the final target (or the period total); a worded target keeps its words.
    const keep = (raw: number | string | undefined) => (raw !== undefined && sameNumber(raw, targetCell, direction) ? raw : targetCell);
    if (kpi.finalTarget) {
      const before = kpi.finalTarget.value;
      const value = keep(before);
      if (value === undefined) delete (kpi as Partial<Kpi>).finalTarget;
      else kpi.finalTarget = { ...kpi.finalTarget, value };
      if (kpi.periodTarget && kpi.periodTarget.value === before && typeof value === 'number') kpi.periodTarget = { ...kpi.periodTarget, value };
    } else if (kpi.periodTarget && targetCell !== undefined) {
      const value = keep(kpi.periodTarget.value);
      if (typeof value === 'number') kpi.periodTarget = { ...kpi.periodTarget, value };
    } else if (targetCell !== undefined) {
      kpi.finalTarget = { year: lastYear(years), value: targetCell };
    }
    kpis.push(kpi);
  }
  return kpis;
}

/** A target read back as a number keeps its original words when they still mean that number. */
function sameNumber(raw: number | string, cell: ActualValue | undefined, direction: Kpi['direction']): boolean {
  if (cell === undefined) return false;
  if (raw === cell) return true;
  const spec = parseTarget(raw, direction);
  return spec.kind === 'number' && typeof cell === 'number' && spec.value === cell;
}

function lastYear(years: Map<string, number>): string {
  return [...years.keys()].pop() ?? 'R1';
}

registerItemSheetReader('yamagata-summary', readYamagataSheet);
