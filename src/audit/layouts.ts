// The auditor's recalculation for the layouts other than the Gunma evaluation sheet: the DX 個別取組票
// (quarterly progress), the Saitama 取組項目 (rates, 達成件数, live 期待される効果) and the Yamagata 取組状況
// (進捗率, 基準からの進捗, 経過, ペース比). The plan is read back from the workbook (gridsToPlan), the sheets
// hyoka would write for it are rebuilt (buildWorkbookLayout, the engine's values as cached results), and
// every computed cell of every item sheet is compared with the workbook: its formula (moved to where the
// labels are now, audit/layout-locate.ts) and its shown value (the cached result) against the engine's.
// Inputs are re-checked as far as the readers locate them. Host-independent.
import type { Item, Kpi, Layout, Plan, PlanHeader, TargetValue } from '../model/plan';
import { buildWorkbookLayout, type PlanMetadata } from '../layout/workbook';
import { a1, columnLetter, columnNumber, parseA1 } from '../layout/a1';
import { circled } from '../layout/grid';
import type { CellSpec, SheetLayout } from '../layout/types';
import { evaluatePlan, interpretActual, isDeletedIn, type ItemResult } from '../rules/evaluate';
import { parseClerkValue, sameUnit } from '../rules/parse-number';
import { parseTarget } from '../rules/parse-target';
import { effectiveActuals } from '../rules/quarterly';
import { progressOf } from '../rules/progress';
import type { Grid } from '../read/grid';
import type { ItemSheetReader, Locations, MetaItem } from '../read/plan-reader';
import { readDxSheet } from '../read/dx-reader';
import { readSaitamaSheet } from '../read/saitama-reader';
import { readYamagataSheet } from '../read/yamagata-reader';
import { itemIdOfGrid, normalizeFormula, translateFormula } from './locate';
import { actualCells, cellsByPosition, layoutGrid, LAYOUT_LOCATORS, mapPlaces, type KpiLocations, type Locator, type PlaceMap, type SheetPlaces } from './layout-locate';
import { checkComputed, checkTargetChanged, finding, shown, unreadableFile, type SheetContext } from './check';
import { auditedIssue, issueFindings } from './read-issues';
import type { ReadIssue } from '../read/issues';
import type { CountAudit, FileAudit, Finding, FindingKind, ItemAudit, KpiAudit, KpiYearAudit, ProgressAudit } from './types';

export { LAYOUT_LOCATORS } from './layout-locate';

const READERS: Partial<Record<Layout, ItemSheetReader>> = {
  'gunma-dx': readDxSheet,
  'saitama-action': readSaitamaSheet,
  'yamagata-summary': readYamagataSheet,
};

/** The plan as a DX sheet evaluates it: each year's figure from its quarters. */
function asEvaluated(plan: Plan, layout: Layout): Plan {
  if (layout !== 'gunma-dx') return plan;
  return { ...plan, items: plan.items.map((item) => ({ ...item, kpis: item.kpis.map((k) => ({ ...k, actuals: effectiveActuals(k, plan.plan.years) })) })) };
}

/**
 * The plan with the KPIs the metadata lists and the sheet lost (their block cleared or deleted) put back,
 * blank, where they were: the rebuilt sheets then have the rows that formulas elsewhere still point at.
 * Null when nothing is missing.
 */
function withLostKpis(plan: Plan, meta: PlanMetadata): Plan | null {
  const metaItems = new Map(meta.items.map((m) => [m.id, m]));
  let restored = false;
  const items = plan.items.map((item) => {
    const metaKpis = metaItems.get(item.id)?.kpis ?? [];
    const byNo = new Map(item.kpis.map((k) => [k.no, k]));
    if (metaKpis.every((mk) => byNo.has(mk.no))) return item;
    restored = true;
    const blank = (mk: (typeof metaKpis)[number]): Kpi => {
      const { quarterlyActuals: _q, finalTarget: _f, periodTarget: _p, ...rest } = mk as Kpi;
      return { ...rest, name: '', unit: '', targets: {}, actuals: {} } as Kpi;
    };
    const metaNos = new Set(metaKpis.map((mk) => mk.no));
    const kpis = [...metaKpis.map((mk) => byNo.get(mk.no) ?? blank(mk)), ...item.kpis.filter((k) => !metaNos.has(k.no))];
    return { ...item, kpis };
  });
  return restored ? { ...plan, items } : null;
}

/**
 * The plan whose sheets give the formulas: relative targets (前年度以上) live as the metadata says, so a
 * 前年度以上 typed over with a number is reported as a formula overwritten. Null when nothing was restored.
 */
function withPlannedRelativeTargets(plan: Plan, meta: PlanMetadata): Plan | null {
  const metaItems = new Map(meta.items.map((m) => [m.id, m]));
  let restored = false;
  const items = plan.items.map((item) => {
    const metaKpis = new Map((metaItems.get(item.id)?.kpis ?? []).map((k) => [k.no, k]));
    const kpis = item.kpis.map((k) => {
      let targets = k.targets;
      for (const [y, t] of Object.entries(metaKpis.get(k.no)?.targets ?? {}) as [string, TargetValue][]) {
        if (typeof t !== 'object' || t === null || typeof k.targets[y] === 'object') continue;
        targets = { ...targets, [y]: t };
        restored = true;
      }
      return targets === k.targets ? k : { ...k, targets };
    });
    return { ...item, kpis };
  });
  return restored ? { ...plan, items } : null;
}

/** Audits the item sheets of a DX, Saitama or Yamagata workbook (the plan already read back by gridsToPlan). */
export function auditLayoutSheets(
  grids: Grid[],
  file: string,
  plan: Plan,
  locations: Locations,
  meta: PlanMetadata,
  layout: Layout,
  readIssues: ReadIssue[] = [],
): FileAudit {
  const locate = LAYOUT_LOCATORS[layout];
  const read = READERS[layout];
  if (!locate || !read) return unreadableFile(file, `レイアウト「${layout}」のシートはまだ監査できません`, `sheets of layout "${layout}" cannot be audited yet`, 'unsupported-layout');
  const gridOf = new Map<string, Grid>();
  for (const g of grids) {
    const id = itemIdOfGrid(g);
    if (id && !gridOf.has(id)) gridOf.set(id, g);
  }

  const shaped = withLostKpis(plan, meta) ?? plan;
  const formulaPlan = withPlannedRelativeTargets(shaped, meta);
  let formulaSheets: SheetLayout[];
  let valueSheets: SheetLayout[];
  try {
    const build = (p: Plan) => buildWorkbookLayout(p, evaluatePlan(p), { layout }).sheets.filter((s) => s.kind === 'item');
    valueSheets = build(shaped);
    formulaSheets = formulaPlan ? build(formulaPlan) : valueSheets;
  } catch (e) {
    return unreadableFile(file, `監査用の比較シートを作れません（${(e as Error).message}）`, `cannot build the reference sheets to compare with (${(e as Error).message})`, 'internal');
  }
  const result = evaluatePlan(asEvaluated(plan, layout));
  const metaItems = new Map(meta.items.map((m) => [m.id, m]));

  const items: ItemAudit[] = [];
  const all: Finding[] = [];
  plan.items.forEach((item, i) => {
    const ctx: SheetContext = { file, grid: gridOf.get(item.id)!, itemId: item.id, findings: [] };
    const audit = auditSheet(ctx, {
      layout,
      locate,
      read,
      item,
      result: result.items[i],
      meta: metaItems.get(item.id)!,
      formulas: formulaSheets[i],
      values: valueSheets[i],
      locations: locations[item.id] ?? {},
      header: plan.plan,
    });
    // What the reader noticed (formulas and error values in inputs, missing years), in its words.
    const atKpiYear = (r: ReadIssue) =>
      r.kpi !== undefined && r.year !== undefined && auditedIssue(r, item.id, { kpi: r.kpi, year: r.year });
    const forItem = readIssues.filter((r) => auditedIssue(r, item.id) || atKpiYear(r));
    audit.problems.push(...issueFindings(ctx, forItem));
    items.push(audit);
    all.push(...ctx.findings);
  });
  return { file, status: all.length ? 'findings' : 'clean', items, problems: all };
}

interface SheetInput {
  layout: Layout;
  locate: Locator;
  read: ItemSheetReader;
  item: Item;
  result: ItemResult;
  meta: MetaItem;
  /** The sheet hyoka would write (its formulas), and the same for the plan as read (its values; usually the same object). */
  formulas: SheetLayout;
  values: SheetLayout;
  /** The reader's locations of this item on the sheet as found. */
  locations: KpiLocations;
  header: PlanHeader;
}

function auditSheet(ctx: SheetContext, input: SheetInput): ItemAudit {
  const { layout, item, result } = input;
  const years = input.header.years;
  const g = ctx.grid;

  // The sheet hyoka would write, located as the found one is: the same reader, the same locator.
  const expGrid = layoutGrid(input.formulas);
  const expLocations: Locations = {};
  try {
    input.read(expGrid, input.meta, ctx.file, expLocations);
  } catch {
    // Cannot happen for a sheet hyoka builds; without locations nothing is placed, and that is reported below.
  }
  const expLocs = expLocations[item.id] ?? {};
  const expPlaces = input.locate(expGrid, expLocs);
  const foundPlaces = input.locate(g, input.locations);
  const places: SheetPlaces = 'missing' in foundPlaces ? { rows: new Map(), cols: new Map() } : foundPlaces;

  // KPIs the metadata lists that the sheet no longer shows (reported where their rows are estimated to be, below).
  const lost = input.meta.kpis.map((mk) => mk.no).filter((no) => !input.locations[no]);
  // Inputs, then computed cells (values that follow from a target typed as text are not compared again).
  const { meta, header } = input;
  const readOtherwise = checkInputs(ctx, { layout, item, result, locs: input.locations, places, years, meta, header });
  let map: PlaceMap | null = null;
  const unplaced = new Set<string>();
  if ('missing' in foundPlaces || 'missing' in expPlaces) {
    const missing = 'missing' in foundPlaces ? foundPlaces.missing : (expPlaces as { missing: string }).missing;
    finding(
      ctx,
      'structure-changed',
      null,
      null,
      null,
      null,
      `見出し「${missing}」が見つからないため、このシートの計算式と表示値を検査できません`,
      `the heading 「${missing}」 is missing: the sheet's formulas and shown values were not checked`,
    );
  } else {
    map = mapPlaces(expPlaces, foundPlaces, new Set(lost));
    checkComputedCells(ctx, input, map, readOtherwise, new Set(lost), unplaced);
  }
  for (const no of lost) {
    // Where the block was: its first row as estimated, in the number column.
    const first = map && 'rows' in expPlaces ? [...expPlaces.rows].filter(([key, p]) => key.startsWith('kpi:') && p.kpi === no).map(([, p]) => p).sort((a, b) => a.pos - b.pos)[0] : undefined;
    const noCol = 'rows' in expPlaces ? expPlaces.cols.get('no')?.pos : undefined;
    const row = first && map ? map.rows.get(first.pos) : undefined;
    const col = noCol !== undefined && map ? map.cols.get(noCol) : undefined;
    finding(
      ctx,
      'kpi-missing',
      row ?? null,
      row !== undefined ? (col ?? 1) : null,
      circled(no),
      row !== undefined ? g.value(row, col ?? 1) : null,
      `指標 ${circled(no)} の行が見つかりません。行が削除されたか、内容が消されています（ワークブックのメタデータには残っています）`,
      `the rows of indicator ${circled(no)} are gone: deleted or cleared (the workbook's metadata still lists it)`,
      { kpi: no },
    );
  }
  if (unplaced.size) {
    const list = [...unplaced];
    finding(ctx, 'structure-changed', null, null, null, null, `次の見出し・行・列が見つからないため、一部のセルを検査できません: ${list.join('、')}`, `cannot find ${list.join(', ')}: some cells were not checked`);
  }

  // Findings in sheet order: the sheet's missing KPIs first, cells top to bottom, what was not checked last.
  const order = (f: Finding) => (f.kind === 'structure-changed' ? Number.MAX_SAFE_INTEGER : f.cell === null ? -1 : parseA1(f.cell).row * 100000 + parseA1(f.cell).col);
  ctx.findings.sort((a, b) => order(a) - order(b));

  // The JSON contract: each KPI-year with its rate cell, each 達成件数, and what belongs to neither.
  const placed = new Set<Finding>();
  const foundCell = (address: string | undefined): { row: number; col: number } | null => {
    if (!address) return null;
    const { row, col } = parseA1(address);
    if (!map) return null;
    const r = map.rows.get(row);
    const c = map.cols.get(col);
    return r === undefined || c === undefined ? null : { row: r, col: c };
  };
  const perIndicator = layout === 'yamagata-summary';
  const kpis: KpiAudit[] = item.kpis.map((kpi, ki) => {
    const yearsOut: Record<string, KpiYearAudit> = {};
    for (const y of years) {
      const ky = result.kpis[ki].years[y];
      const cell = isDeletedIn(kpi, y) || perIndicator ? null : foundCell(expLocs[kpi.no]?.[y]?.rate);
      const problems = ctx.findings.filter((f) => f.kpi === kpi.no && f.year === y);
      problems.forEach((f) => placed.add(f));
      yearsOut[y] = {
        status: ky.status,
        target: ky.target,
        actual: ky.actual,
        rate: ky.rate,
        display: ky.display,
        achieved: ky.achieved,
        cell: cell ? a1(cell.row, cell.col) : null,
        found: cell ? g.value(cell.row, cell.col) : null,
        problems,
      };
    }
    if (!perIndicator) return { no: kpi.no, name: kpi.name, years: yearsOut };
    // The Yamagata indicator: progress against the final target, on the indicator's row.
    const p = progressOf(kpi, input.header);
    const anyYear = Object.values(expLocs[kpi.no] ?? {})[0];
    const cell = foundCell(anyYear?.rate);
    const problems = ctx.findings.filter((f) => f.kpi === kpi.no && !placed.has(f));
    problems.forEach((f) => placed.add(f));
    const progress: ProgressAudit = {
      status: p.status,
      target: p.target,
      latestYear: p.latestYear,
      actual: p.actual,
      rate: p.rate,
      display: p.display,
      fromBaseDisplay: p.fromBaseDisplay,
      elapsedDisplay: p.elapsedDisplay,
      paceDisplay: p.paceDisplay,
      cell: cell ? a1(cell.row, cell.col) : null,
      found: cell ? g.value(cell.row, cell.col) : null,
      problems,
    };
    return { no: kpi.no, name: kpi.name, years: yearsOut, progress };
  });
  const anchors = input.formulas.anchors;
  const counts: Record<string, CountAudit> = {};
  for (const y of years) {
    const c = result.counts[y];
    const at = anchors && anchors.countRow > 0 && anchors.yearCols[y] ? foundCell(a1(anchors.countRow, anchors.yearCols[y])) : null;
    const address = at ? a1(at.row, at.col) : null;
    const problems = address ? ctx.findings.filter((f) => f.cell === address && f.kpi === undefined) : [];
    problems.forEach((f) => placed.add(f));
    counts[y] = { achieved: c.achieved, evaluated: c.evaluated, display: c.display, cell: address, found: at ? g.value(at.row, at.col) : null, problems };
  }
  // The sheet as a whole (kpi-missing, structure-changed) and cells of no single KPI-year (a Yamagata
  // indicator's 進捗率, a DX 指標項目 name, a Saitama 期待される効果).
  const problems = ctx.findings.filter((f) => !placed.has(f));
  return { id: item.id, sheet: g.name, kpis, counts, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Computed cells.

const REF_RE = /(?<![A-Za-z0-9_.])\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![A-Za-z0-9_(])/g;

/** The cells a formula refers to ("row:col"), ranges expanded; string literals skipped. */
function refsOf(formula: string): string[] {
  const out: string[] = [];
  formula.split(/("(?:[^"]|"")*")/).forEach((part, i) => {
    if (i % 2 === 1) return;
    for (const m of part.matchAll(REF_RE)) {
      const c1 = columnNumber(m[1]);
      const r1 = Number(m[2]);
      const c2 = m[3] ? columnNumber(m[3]) : c1;
      const r2 = m[4] ? Number(m[4]) : r1;
      for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(`${r}:${c}`);
    }
  });
  return out;
}

/** Whether a generated cell's formula depends, directly or through other formulas, on one of the flagged cells. */
function dependsOn(cells: Map<string, CellSpec>, isFlagged: (key: string) => boolean): (formula: string) => boolean {
  const memo = new Map<string, boolean>();
  const visit = (key: string): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, false); // a cycle (none in hyoka's sheets) ends here
    const f = cells.get(key)?.formula;
    const out = f !== undefined && refsOf(f).some((r) => isFlagged(r) || visit(r));
    memo.set(key, out);
    return out;
  };
  return (formula) => refsOf(formula).some((r) => isFlagged(r) || visit(r));
}

/**
 * Whether the KPI-year behind a shown rate was achieved, from the cell's conditional formats (green when
 * the hidden flag is 1, red when 0; Yamagata: green at ≥ 100): null when the cell has none.
 */
function achievedOf(sheet: SheetLayout, values: Map<string, CellSpec>): (row: number, col: number) => boolean | null {
  const rules = new Map<string, string[]>();
  for (const cf of sheet.conditionalFormats) rules.set(cf.ref, [...(rules.get(cf.ref) ?? []), cf.formula]);
  return (row, col) => {
    for (const f of rules.get(a1(row, col)) ?? []) {
      const ref = /^(?:AND\(ISNUMBER\()?\$?([A-Z]{1,3})\$?(\d+)/.exec(f);
      if (!ref) continue;
      const v = values.get(`${Number(ref[2])}:${columnNumber(ref[1])}`)?.result;
      if (/=[01]$/.test(f)) return v === 1 ? true : v === 0 ? false : null;
      if (/(>=|<)100\)$/.test(f)) return typeof v === 'number' ? v >= 100 : null;
    }
    return null;
  };
}

function checkComputedCells(ctx: SheetContext, input: SheetInput, map: PlaceMap, readOtherwise: Set<string>, lost: ReadonlySet<number>, unplaced: Set<string>): void {
  const g = ctx.grid;
  const expected = cellsByPosition(input.formulas);
  const values = input.values === input.formulas ? expected : cellsByPosition(input.values);
  const formulaCells = input.formulas.cells.filter((c) => c.formula !== undefined).sort((a, b) => a.row - b.row || a.col - b.col);
  const placeOf = (c: CellSpec) => ({ row: map.rows.get(c.row), col: map.cols.get(c.col) });

  // Cells whose value says nothing new: targets typed as text, and formulas typed over or edited.
  const flagged = new Set<string>();
  for (const key of readOtherwise) {
    const [r, c] = key.split(':').map(Number);
    const er = map.rowsBack.get(r);
    const ec = map.colsBack.get(c);
    if (er !== undefined && ec !== undefined) flagged.add(`${er}:${ec}`);
  }
  for (const c of formulaCells) {
    const at = placeOf(c);
    if (at.row === undefined || at.col === undefined) continue;
    const moved = translateFormula(c.formula!, map);
    const found = g.formula(at.row, at.col);
    if (!moved.unplaced.length && (!found || normalizeFormula(found) !== normalizeFormula(moved.formula))) flagged.add(`${c.row}:${c.col}`);
  }
  // The rows of a lost KPI (reported as kpi-missing) are not checked, and neither are the values that follow from them.
  const lostRows = new Set([...map.rowInfo].filter(([, p]) => p.kpi !== undefined && lost.has(p.kpi)).map(([row]) => row));
  const follows = dependsOn(expected, (key) => flagged.has(key) || lostRows.has(Number(key.split(':')[0])));
  const achieved = achievedOf(input.formulas, values);

  for (const c of formulaCells) {
    if (lostRows.has(c.row)) continue;
    const at = placeOf(c);
    if (at.row === undefined || at.col === undefined) {
      unplaced.add(at.row === undefined ? (map.rowLabel.get(c.row) ?? `${c.row} 行 / row ${c.row}`) : (map.colLabel.get(c.col) ?? `${columnLetter(c.col)} 列 / column ${columnLetter(c.col)}`));
      continue;
    }
    const rowPlace = map.rowInfo.get(c.row);
    const colPlace = map.colInfo.get(c.col);
    const rowLabel = rowPlace?.label ?? `${c.row} 行`;
    const colLabel = colPlace?.label ?? columnLetter(c.col);
    const hidden = colPlace?.hidden ? { ja: '・非表示の計算値', en: ', a hidden helper' } : { ja: '', en: '' };
    const v = values.get(`${c.row}:${c.col}`);
    const value = v?.formula !== undefined ? (v.result ?? '') : (c.result ?? '');
    const extra: Partial<Finding> = {};
    if (rowPlace?.kpi !== undefined) extra.kpi = rowPlace.kpi;
    if (colPlace?.year !== undefined) extra.year = colPlace.year;
    checkComputed(
      ctx,
      expected,
      map,
      {
        expRow: c.row,
        expCol: c.col,
        row: at.row,
        col: at.col,
        value,
        achieved: achieved(c.row, c.col),
        what: { ja: `${rowLabel}（${colLabel}${hidden.ja}）`, en: `${rowLabel} (${colLabel}${hidden.en})` },
        extra,
        formulaOnly: follows(c.formula!),
      },
      unplaced,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs: what Excel's validation would have refused (it is not enforced on paste), as far as the readers
// locate the cells. Returns the found cells ("row:col") the sheet's formulas read otherwise than the
// engine: targets typed as text that reads as a number (the engine reads 50, ISNUMBER sees text), so
// the values that follow from them are not compared again. (Text in an actual cell is no number to
// either.)

interface InputsCheck {
  layout: Layout;
  item: Item;
  result: ItemResult;
  locs: KpiLocations;
  places: SheetPlaces;
  years: string[];
  meta: MetaItem;
  header: PlanHeader;
}

function checkInputs(ctx: SheetContext, check: InputsCheck): Set<string> {
  const { layout, item, result, locs, places, years, meta, header } = check;
  const g = ctx.grid;
  const reported = new Set<string>();
  const readOtherwise = new Set<string>();
  const report = (kind: FindingKind, row: number, col: number, expected: Finding['expected'], ja: string, en: string, extra: Partial<Finding>) => {
    const key = `${row}:${col}`;
    if (reported.has(key)) return;
    reported.add(key);
    finding(ctx, kind, row, col, expected, g.value(row, col), ja, en, extra);
  };
  item.kpis.forEach((kpi, ki) => {
    const ys = locs[kpi.no];
    if (!ys) return;
    const unit = kpi.unit ?? '';
    const numeric = kpi.direction !== 'qualitative';
    let lastActualYear: string | null = null;
    for (const y of years) {
      const loc = ys[y];
      if (!loc || isDeletedIn(kpi, y)) continue;
      const extra: Partial<Finding> = { kpi: kpi.no, year: y };
      const where = { ja: `${circled(kpi.no)} ${y} の`, en: `KPI ${circled(kpi.no)} ${y} ` };

      // The actual (a DX indicator's quarters): a number for a numeric KPI, 達成 / 未達成 for a judged one.
      let hasActual = false;
      for (const cell of actualCells(layout, kpi, y, loc, places)) {
        if (g.formula(cell.row, cell.col)) continue;
        const raw = g.value(cell.row, cell.col);
        const got = interpretActual(kpi, typeof raw === 'boolean' ? String(raw) : raw);
        if (got.kind === 'number' || got.kind === 'word') hasActual = true;
        if (got.kind !== 'error') continue;
        const parsed = typeof raw === 'string' ? parseClerkValue(raw) : null;
        if (!numeric) {
          report('invalid-actual', cell.row, cell.col, '達成 / 未達成', `${where.ja}実績: ${got.message.ja}`, `${where.en}actual: ${got.message.en}`, extra);
        } else if (parsed?.kind === 'number' && parsed.unit !== '' && unit !== '' && !sameUnit(parsed.unit, unit)) {
          report(
            'unit-mismatch',
            cell.row,
            cell.col,
            parsed.value,
            `${where.ja}実績 ${shown(raw, 'ja')} の単位「${parsed.unit}」が指標の単位「${unit}」と違います（しかも文字列なので計算されません）`,
            `${where.en}actual ${shown(raw, 'en')}: its unit "${parsed.unit}" differs from the KPI's "${unit}" (and, being text, it is not computed)`,
            extra,
          );
        } else {
          report(
            'text-in-number-cell',
            cell.row,
            cell.col,
            parsed?.kind === 'number' ? parsed.value : '数値 / a number',
            `${where.ja}実績のセルに文字列が入っています: ${got.message.ja}（文字列のままでは進捗・達成率が計算されません）`,
            `${where.en}actual cell holds text: ${got.message.en} (as text no progress or rate is computed)`,
            extra,
          );
        }
      }
      if (hasActual) lastActualYear = y;

      // The target: text that reads as a number is not a number to the sheet's formulas (ISNUMBER is false).
      const t = parseA1(loc.target);
      const targetExtra: Partial<Finding> = layout === 'yamagata-summary' ? { kpi: kpi.no } : extra;
      const typed = g.value(t.row, t.col);
      let textTarget = false;
      if (numeric && !g.formula(t.row, t.col) && typeof typed === 'string') {
        const spec = parseTarget(typed, kpi.direction, kpi.strict);
        if (spec.kind === 'number') {
          textTarget = true;
          readOtherwise.add(`${t.row}:${t.col}`);
          const otherUnit = spec.unit !== '' && unit !== '' && !sameUnit(spec.unit, unit);
          const whereT = layout === 'yamagata-summary' ? { ja: `${circled(kpi.no)} の`, en: `KPI ${circled(kpi.no)} ` } : where;
          report(
            otherUnit ? 'unit-mismatch' : 'text-in-number-cell',
            t.row,
            t.col,
            spec.value,
            otherUnit
              ? `${whereT.ja}目標 ${shown(typed, 'ja')} の単位「${spec.unit}」が指標の単位「${unit}」と違います（しかも文字列なので計算されません）`
              : `${whereT.ja}目標 ${shown(typed, 'ja')} が文字列です。数値（${spec.value}）として入力してください（文字列のままでは進捗・達成率が計算されません）`,
            otherUnit
              ? `${whereT.en}target ${shown(typed, 'en')}: its unit "${spec.unit}" differs from the KPI's "${unit}" (and, being text, it is not computed)`
              : `${whereT.en}target ${shown(typed, 'en')} is text; enter it as the number ${spec.value} (as text no progress or rate is computed)`,
            targetExtra,
          );
        }
      }
      if (layout === 'yamagata-summary') continue; // one target per indicator: checked below

      // An actual without a target (「－」 is a deliberate "no target"), and a 前年度以上 that cannot resolve.
      const target = parseTarget(kpi.targets[y] ?? null, kpi.direction, kpi.strict);
      if (hasActual && target.kind === 'blank' && !textTarget) {
        report(
          'actual-without-target',
          t.row,
          t.col,
          '目標値 / a target',
          `${where.ja}目標が空欄なのに実績が入力されています（達成件数に数えられません）`,
          `${where.en}has an actual but no target (it is not counted in 達成件数)`,
          extra,
        );
      }
      if (hasActual && result.kpis[ki].years[y].status === 'pendingTarget') {
        report(
          'relative-target-unresolved',
          t.row,
          t.col,
          '前年度の実績（数値） / the previous actual (a number)',
          `${where.ja}目標「${target.kind === 'relative' ? target.label : '前年度以上'}」が決まりません: 前年度の実績（基準値）が数値ではありません`,
          `${where.en}relative target cannot resolve: the previous actual (or the baseline) is not a number`,
          extra,
        );
      }
      // A target changed in the workbook since it was made (the metadata holds the plan's).
      const planned = meta.kpis.find((m) => m.no === kpi.no)?.targets?.[y] as TargetValue | undefined;
      if (!textTarget) checkTargetChanged(ctx, { header, kpi, year: y, planned, row: t.row, col: t.col, extra });
    }

    // Yamagata: progress is against the final (or period) target, one cell per indicator.
    if (layout === 'yamagata-summary' && numeric && lastActualYear) {
      const loc = ys[lastActualYear];
      const t = parseA1(loc.target);
      const value = kpi.finalTarget?.value ?? kpi.periodTarget?.value;
      if ((value === undefined || value === '') && !reported.has(`${t.row}:${t.col}`)) {
        report(
          'actual-without-target',
          t.row,
          t.col,
          '目標値 / a target',
          `${circled(kpi.no)} の目標値が空欄なのに実績（${lastActualYear}）が入力されています（進捗率が計算されません）`,
          `KPI ${circled(kpi.no)} has an actual (${lastActualYear}) but no target (no progress is computed)`,
          { kpi: kpi.no, year: lastActualYear },
        );
      }
    }
  });
  return readOtherwise;
}
