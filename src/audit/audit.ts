// The auditor's recalculation. For every KPI-year of every item sheet: recompute the rate, its display
// and the achieved flag with the rules engine from the target and actual as typed; compare them with
// what the workbook shows (each formula's cached result) and each computed cell's formula with the one
// hyoka would write there (the generated layout, moved to where the labels are now); recompute each
// 達成件数; and re-check every input, because Excel does not enforce data validation on paste.
// Host-independent (grids from exceljs or Office.js; no Node modules): audit/file.ts opens a file with
// the bounded loader (xlsx/safe-load.ts) and calls auditGrids. This file audits the Gunma evaluation
// sheet (and an outline plan's items, which use it); audit/layouts.ts the DX, Saitama and Yamagata sheets.
import type { Kpi, Plan, TargetValue } from '../model/plan';
import { countYear, evaluatePlan, interpretActual, isDeletedIn, type KpiYearResult, type PlanResult } from '../rules/evaluate';
import { parseClerkValue, sameUnit } from '../rules/parse-number';
import { parseTarget } from '../rules/parse-target';
import { buildWorkbookLayout, META_MARKER, META_SHEET, type PlanMetadata } from '../layout/workbook';
import { DEFAULT_LAYOUT } from '../layout/registry';
import { a1 } from '../layout/a1';
import { circled } from '../layout/grid';
import type { SheetLayout } from '../layout/types';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { rawText, text, type Grid } from '../read/grid';
import { gridsToPlan, WorkbookReadError, type Locations } from '../read/plan-reader';
import '../read/all-readers'; // every layout's reader registered with gridsToPlan
import { itemIdOfGrid, locateSheet, mapCells, type KpiRows, type LocatedSheet } from './locate';
import { checkComputed, checkTargetChanged, finding, relativeTargetValue, sameAsPlanned, shown } from './check';
import { unreadableFile, type SheetContext } from './check';
import { auditedIssue, issueFindings } from './read-issues';
import type { ReadIssue } from '../read/issues';
import { auditLayoutSheets, LAYOUT_LOCATORS } from './layouts';
import type { CountAudit, FileAudit, Finding, ItemAudit, KpiAudit, KpiYearAudit } from './types';

import { withInputCells } from './recalculation';
import { fingerprintOf, stampOf, type RoundStamp } from '../round/stamp';
export { unreadableFile } from './check';

/**
 * Layouts whose item sheets are Gunma evaluation sheets, audited by label as below (an outline plan's
 * items use the Gunma sheet). The other layouts (DX, Saitama, Yamagata) are audited by audit/layouts.ts.
 */
const GUNMA_SHEET_LAYOUTS = new Set(['gunma-evaluation', 'outline']);

type MetaKpi = PlanMetadata['items'][number]['kpis'][number];

function readMeta(grids: Grid[]): PlanMetadata | null {
  const g = grids.find((s) => s.name === META_SHEET) ?? grids.find((s) => text(s, 1, 1) === META_MARKER);
  if (!g) return null;
  let json = '';
  for (let r = 2; r <= g.rowCount; r++) json += rawText(g, r, 1);
  json = json.replace(/[\r\n]/g, ''); // as the reader does: LibreOffice breaks long texts with line feeds
  try {
    return JSON.parse(json) as PlanMetadata;
  } catch {
    return null;
  }
}

/** A target typed as text that reads as a number: the sheet's formulas see text (ISNUMBER is false). */
interface TextTarget {
  raw: string;
  value: number;
  unit: string;
}

function textTargetOf(g: Grid, kpi: Kpi, row: number, col: number): TextTarget | null {
  if (kpi.direction === 'qualitative' || g.formula(row, col)) return null;
  const v = g.value(row, col);
  if (typeof v !== 'string') return null;
  const spec = parseTarget(v, kpi.direction, kpi.strict);
  return spec.kind === 'number' ? { raw: v, value: spec.value, unit: spec.unit } : null;
}

/** The engine's results, with text targets treated as the sheet's formulas treat them: not a number. */
function evaluateAsSheet(plan: Plan, textTargets: Map<string, TextTarget>): PlanResult {
  const result = evaluatePlan(plan);
  if (textTargets.size === 0) return result;
  result.items.forEach((item, i) => {
    const touched = new Set<string>();
    item.kpis.forEach((k) => {
      for (const y of plan.plan.years) {
        if (!textTargets.has(`${plan.items[i].id}|${k.no}|${y}`)) continue;
        const ky = k.years[y];
        k.years[y] = { ...ky, target: textTargets.get(`${plan.items[i].id}|${k.no}|${y}`)!.raw, rate: null, display: null, achieved: null, status: 'noTarget' };
        delete k.years[y].grade;
        touched.add(y);
      }
    });
    for (const y of touched) item.counts[y] = countYear(item.kpis.map((k) => k.years[y]));
  });
  return result;
}

/**
 * A round workbook whose locked part changed: a past actual, a definition, a header — not only a target (those
 * are also named at their cells). Without the register the audit cannot say which value was sent.
 */
function changedSinceSent(file: string, stamp: RoundStamp): Finding {
  const year = formatFiscalYearLabel(stamp.year);
  return {
    kind: 'changed-since-sent', file, sheet: null, cell: null, expected: stamp.fingerprint.slice(0, 12), found: null,
    ja: `${stamp.recipient.name} に配布（${stamp.roundId}）してから、${year}の入力欄以外（目標・過年度の実績・指標の定義・見出し）が変わっています。` +
      'どのセルかは配布台帳と照合して確かめてください（hyoka collect の変更点）',
    en: `since it was sent to ${stamp.recipient.name} (${stamp.roundId}), something outside the ${stamp.year} inputs changed ` +
      "(targets, past actuals, KPI definitions, headers); the register tells which cells (hyoka collect's 変更点 sheet)",
  };
}

/** Audits a workbook given as grids (exceljs worksheets or Office.js ranges). */
export function auditGrids(grids: Grid[], file: string): FileAudit {
  const locations: Locations = {};
  const readIssues: ReadIssue[] = [];
  let plan: Plan;
  try {
    plan = gridsToPlan(grids, file, locations, readIssues);
  } catch (e) {
    if (e instanceof WorkbookReadError) return unreadableFile(file, e.ja, e.en, 'not-an-evaluation-workbook', e.sheet, e.cell);
    throw e;
  }
  const meta = readMeta(grids);
  /** Every audit of a readable workbook leaves here: the input cells and the round stamp added. */
  const finish = (audit: FileAudit): FileAudit => {
    const read = stampOf(meta);
    if (!read || !('stamp' in read)) return withInputCells(audit, locations, plan);
    const { roundId, recipient, fingerprint } = read.stamp;
    const changed = fingerprintOf(plan, read.stamp.year) === fingerprint ? [] : [changedSinceSent(file, read.stamp)];
    const problems = [...audit.problems, ...changed];
    const status = problems.length ? 'findings' : audit.status;
    const source = { round: { roundId, recipient: recipient.name, fingerprint } };
    return withInputCells({ ...audit, status, problems, source }, locations, plan);
  };
  const layoutName = meta?.layout ?? DEFAULT_LAYOUT;
  if (meta && LAYOUT_LOCATORS[layoutName]) {
    return finish(auditLayoutSheets(grids, file, plan, locations, meta, layoutName, readIssues));
  }
  if (!meta || !GUNMA_SHEET_LAYOUTS.has(layoutName)) {
    return unreadableFile(file, `レイアウト「${layoutName}」のシートはまだ監査できません`, `sheets of layout "${layoutName}" cannot be audited yet`, 'unsupported-layout');
  }
  const gridOf = new Map<string, Grid>();
  for (const g of grids) {
    const id = itemIdOfGrid(g);
    if (id && !gridOf.has(id)) gridOf.set(id, g);
  }
  const located = new Map<string, LocatedSheet | null>();
  for (const item of plan.items) located.set(item.id, locateSheet(gridOf.get(item.id)!, locations[item.id]));

  // Targets typed as text that read as numbers: the sheet cannot use them; neither may the recalculation.
  const textTargets = new Map<string, TextTarget>();
  for (const item of plan.items) {
    const g = gridOf.get(item.id)!;
    const where = located.get(item.id);
    if (!where) continue;
    for (const kpi of item.kpis) {
      const rows = where.kpis.get(kpi.no);
      if (!rows) continue;
      for (const y of plan.plan.years) {
        const col = where.yearCols.get(y);
        const t = col === undefined ? null : textTargetOf(g, kpi, rows.targetRow, col);
        if (t) textTargets.set(`${item.id}|${kpi.no}|${y}`, t);
      }
    }
  }
  const result = evaluateAsSheet(plan, textTargets);

  // The sheet hyoka would write for this plan: relative targets live (as the metadata says), and KPIs
  // the metadata lists but the sheet lost put back (so formulas that still point at them compare equal).
  const metaItems = new Map(meta.items.map((m) => [m.id, m]));
  const layoutPlan: Plan = {
    ...plan,
    items: plan.items.map((item) => {
      const m = metaItems.get(item.id);
      const byNo = new Map(item.kpis.map((k) => [k.no, k]));
      const restore = (k: Kpi, mk: MetaKpi | undefined): Kpi => {
        if (!mk) return k;
        const targets = { ...k.targets };
        for (const [y, t] of Object.entries(mk.targets ?? {})) if (typeof t === 'object') targets[y] = t;
        return { ...k, targets };
      };
      const metaNos = new Set((m?.kpis ?? []).map((mk) => mk.no));
      const kpis: Kpi[] = (m?.kpis ?? []).map((mk) => (byNo.has(mk.no) ? restore(byNo.get(mk.no)!, mk) : ({ ...mk, name: '', unit: '', actuals: {} } as Kpi)));
      for (const k of item.kpis) if (!metaNos.has(k.no)) kpis.push(k);
      return { ...item, kpis };
    }),
  };
  let layoutSheets: SheetLayout[];
  try {
    layoutSheets = buildWorkbookLayout(layoutPlan, undefined, { layout: layoutName }).sheets;
  } catch (e) {
    return unreadableFile(file, `監査用の比較シートを作れません（${(e as Error).message}）`, `cannot build the reference sheets to compare with (${(e as Error).message})`, 'internal');
  }
  const expectedOf = new Map(layoutSheets.filter((s) => s.anchors).map((s) => [s.anchors!.itemId, s]));

  const items: ItemAudit[] = [];
  const all: Finding[] = [];
  plan.items.forEach((item, i) => {
    const g = gridOf.get(item.id)!;
    const ctx: SheetContext = { file, grid: g, itemId: item.id, findings: [], readIssues };
    const audit = auditItemSheet(ctx, plan, layoutPlan.items[i].kpis, item.id, result.items[i], located.get(item.id) ?? null, expectedOf.get(item.id), metaItems.get(item.id)?.kpis ?? [], textTargets);
    items.push(audit);
    all.push(...ctx.findings);
  });
  return finish({ file, status: all.length ? 'findings' : 'clean', items, problems: all });
}

function auditItemSheet(
  ctx: SheetContext,
  plan: Plan,
  layoutKpis: Kpi[],
  itemId: string,
  itemResult: PlanResult['items'][number],
  where: LocatedSheet | null,
  expectedSheet: SheetLayout | undefined,
  metaKpis: MetaKpi[],
  textTargets: Map<string, TextTarget>,
): ItemAudit {
  const g = ctx.grid;
  const item = plan.items.find((it) => it.id === itemId)!;
  const years = plan.plan.years;
  const itemProblems: Finding[] = [];
  const kpiAudits: KpiAudit[] = [];
  const counts: Record<string, CountAudit> = {};
  const emptyYear = (ky: KpiYearResult): KpiYearAudit => ({ status: ky.status, target: ky.target, actual: ky.actual, rate: ky.rate, display: ky.display, achieved: ky.achieved, cell: null, found: null, problems: [] });

  if (!where || !expectedSheet?.anchors) {
    itemProblems.push(
      finding(ctx, 'structure-changed', null, null, null, null, '指標表（【基準年】の見出し）が見つからないため検査できません', 'the KPI table (the 【基準年】 header) is missing: the sheet was not checked'),
    );
    item.kpis.forEach((k, ki) => kpiAudits.push({ no: k.no, name: k.name, years: Object.fromEntries(years.map((y) => [y, emptyYear(itemResult.kpis[ki].years[y])])) }));
    for (const y of years) counts[y] = { achieved: itemResult.counts[y].achieved, evaluated: itemResult.counts[y].evaluated, display: itemResult.counts[y].display, cell: null, found: null, problems: [] };
    return { id: itemId, sheet: g.name, kpis: kpiAudits, counts, problems: itemProblems };
  }
  const anchors = expectedSheet.anchors;
  const expected = new Map(expectedSheet.cells.map((c) => [`${c.row}:${c.col}`, c]));
  // What the reader found outside any one KPI-year (a year column missing, a baseline typed as a formula).
  itemProblems.push(...issueFindings(ctx, (ctx.readIssues ?? []).filter((i) => auditedIssue(i, itemId))));
  const map = mapCells(anchors, where);
  const unplaced = new Set<string>();
  const metaByNo = new Map(metaKpis.map((m) => [m.no, m]));
  const expRowsOf = new Map(anchors.kpis.map((k) => [k.no, k]));

  // KPIs the metadata lists but the sheet no longer has.
  for (const [no, est] of map.missing) {
    const col = where.noCol ?? where.baseCol;
    itemProblems.push(
      finding(
        ctx,
        'kpi-missing',
        est.targetRow,
        col,
        circled(no),
        g.value(est.targetRow, col),
        `取組目標 ${circled(no)} の行（目標・達成率・実績）が見つかりません。行が削除されたか、内容が消されています（ワークブックのメタデータには残っています）`,
        `the rows of KPI ${circled(no)} (目標, 達成率, 実績) are gone: deleted or cleared (the workbook's metadata still lists the KPI)`,
        { kpi: no },
      ),
    );
  }

  item.kpis.forEach((kpi, ki) => {
    const kr = itemResult.kpis[ki];
    const rows: KpiRows | undefined = where.kpis.get(kpi.no);
    const expRows = expRowsOf.get(kpi.no);
    const layoutKpi = layoutKpis.find((k) => k.no === kpi.no) ?? kpi;
    const yearsOut: Record<string, KpiYearAudit> = {};
    for (const y of years) {
      const ky = kr.years[y];
      const out = emptyYear(ky);
      yearsOut[y] = out;
      const col = where.yearCols.get(y);
      if (col === undefined && rows) unplaced.add(`${formatFiscalYearLabel(y)} の列 / column`);
      if (!rows || !expRows || col === undefined) continue;
      const extra = { kpi: kpi.no, year: y };
      const before = ctx.findings.length;
      const deleted = isDeletedIn(kpi, y);
      out.cell = deleted ? null : a1(rows.rateRow, col);
      out.found = deleted ? null : g.value(rows.rateRow, col);

      // Inputs.
      const yi = years.indexOf(y);
      const prevCol = yi > 0 ? where.yearCols.get(years[yi - 1]) : where.baseCol;
      const prevActual = prevCol === undefined ? null : a1(rows.actualRow, prevCol);
      const inputIssues = (ctx.readIssues ?? []).filter((i) => auditedIssue(i, itemId, { kpi: kpi.no, year: y }));
      issueFindings(ctx, inputIssues);
      if (!deleted) checkInputs(ctx, plan, kpi, y, ky, rows, col, where.baseCol, prevActual, metaByNo.get(kpi.no), textTargets.get(`${itemId}|${kpi.no}|${y}`), extra);

      // Computed cells.
      const helper = where.helperCols.get(y);
      const expHelper = anchors.helperCols[y];
      const expCol = anchors.yearCols[y];
      const label = (ja: string, en: string) => ({ ja: `${circled(kpi.no)} ${y} の${ja}`, en: `KPI ${circled(kpi.no)} ${y} ${en}` });
      const spec = parseTarget(layoutKpi.targets[y] ?? null, layoutKpi.direction, layoutKpi.strict);
      if (spec.kind === 'relative' && kpi.direction !== 'qualitative') {
        checkComputed(ctx, expected, map, { expRow: expRows.targetRow, expCol, row: rows.targetRow, col, value: relativeTargetValue(kpi, y, plan.plan, spec.label), what: label('目標（前年度実績）', 'target (previous actual)'), extra }, unplaced);
      }
      checkComputed(ctx, expected, map, { expRow: expRows.rateRow, expCol, row: rows.rateRow, col, value: ky.display ?? '', achieved: ky.achieved, what: label('達成率', 'rate'), extra }, unplaced);
      if (helper !== undefined) {
        checkComputed(ctx, expected, map, { expRow: expRows.rateRow, expCol: expHelper, row: rows.rateRow, col: helper, value: ky.rate ?? '', what: label('達成率（非表示の計算値）', 'unrounded rate (hidden helper)'), extra }, unplaced);
        checkComputed(ctx, expected, map, { expRow: expRows.actualRow, expCol: expHelper, row: rows.actualRow, col: helper, value: ky.achieved === null ? '' : ky.achieved ? 1 : 0, what: label('達成判定（非表示）', 'achieved flag (hidden helper)'), extra }, unplaced);
      } else if (expected.get(`${expRows.rateRow}:${expHelper}`)?.formula) {
        unplaced.add(`率・判定 ${y}`);
      }
      out.problems = ctx.findings.slice(before);
    }
    kpiAudits.push({ no: kpi.no, name: kpi.name, years: yearsOut });
  });

  for (const y of years) {
    const c = itemResult.counts[y];
    const col = where.countCols.get(y);
    const out: CountAudit = { achieved: c.achieved, evaluated: c.evaluated, display: c.display, cell: null, found: null, problems: [] };
    counts[y] = out;
    if (where.countRow === null || col === undefined) {
      unplaced.add(where.countRow === null ? '達成件数' : `達成件数 ${y}`);
      continue;
    }
    out.cell = a1(where.countRow, col);
    out.found = g.value(where.countRow, col);
    const before = ctx.findings.length;
    checkComputed(ctx, expected, map, { expRow: anchors.countRow, expCol: anchors.yearCols[y], row: where.countRow, col, value: c.display ?? '', what: { ja: `${y} の達成件数`, en: `${y} 達成件数 (KPIs achieved / evaluated)` }, extra: { year: y } }, unplaced);
    out.problems = ctx.findings.slice(before);
  }

  if (unplaced.size) {
    const list = [...unplaced].join('、');
    itemProblems.push(
      finding(ctx, 'structure-changed', null, null, null, null, `次の見出し・行・列が見つからないため、一部のセルを検査できません: ${list}`, `cannot find ${[...unplaced].join(', ')}: some cells were not checked`),
    );
  }
  return { id: itemId, sheet: g.name, kpis: kpiAudits, counts, problems: itemProblems };
}

/** Input checks of one KPI-year: what Excel's validation would have refused, and what makes no sense. */
function checkInputs(
  ctx: SheetContext,
  plan: Plan,
  kpi: Kpi,
  year: string,
  ky: KpiYearResult,
  rows: KpiRows,
  col: number,
  baseCol: number,
  prevActual: string | null,
  metaKpi: MetaKpi | undefined,
  textTarget: TextTarget | undefined,
  extra: Partial<Finding>,
): void {
  const g = ctx.grid;
  const unit = kpi.unit ?? '';
  const where = { ja: `${circled(kpi.no)} ${year} の`, en: `KPI ${circled(kpi.no)} ${year} ` };

  // A target typed as text.
  if (textTarget) {
    const otherUnit = textTarget.unit !== '' && unit !== '' && !sameUnit(textTarget.unit, unit);
    finding(
      ctx,
      otherUnit ? 'unit-mismatch' : 'text-in-number-cell',
      rows.targetRow,
      col,
      textTarget.value,
      textTarget.raw,
      otherUnit
        ? `${where.ja}目標 ${shown(textTarget.raw, 'ja')} の単位「${textTarget.unit}」が指標の単位「${unit}」と違います（しかも文字列なので計算されません）`
        : `${where.ja}目標 ${shown(textTarget.raw, 'ja')} が文字列です。数値（${textTarget.value}）として入力してください（文字列のままでは達成率が計算されません）`,
      otherUnit
        ? `${where.en}target ${shown(textTarget.raw, 'en')}: its unit "${textTarget.unit}" differs from the KPI's "${unit}" (and, being text, it is not computed)`
        : `${where.en}target ${shown(textTarget.raw, 'en')} is text; enter it as the number ${textTarget.value} (as text no rate is computed)`,
      extra,
    );
  }

  // The actual.
  const rawActual = kpi.actuals[year];
  const actual = interpretActual(kpi, rawActual ?? null);
  if (ky.status === 'invalid' && actual.kind === 'error') {
    const parsed = typeof rawActual === 'string' ? parseClerkValue(rawActual) : null;
    if (kpi.direction === 'qualitative') {
      finding(ctx, 'invalid-actual', rows.actualRow, col, '達成 / 未達成', rawActual ?? null, `${where.ja}実績: ${actual.message.ja}`, `${where.en}actual: ${actual.message.en}`, extra);
    } else if (parsed?.kind === 'number' && parsed.unit !== '' && unit !== '' && !sameUnit(parsed.unit, unit)) {
      finding(
        ctx,
        'unit-mismatch',
        rows.actualRow,
        col,
        parsed.value,
        rawActual ?? null,
        `${where.ja}実績 ${shown(rawActual ?? null, 'ja')} の単位「${parsed.unit}」が指標の単位「${unit}」と違います（しかも文字列なので計算されません）`,
        `${where.en}actual ${shown(rawActual ?? null, 'en')}: its unit "${parsed.unit}" differs from the KPI's "${unit}" (and, being text, it is not computed)`,
        extra,
      );
    } else {
      finding(
        ctx,
        'text-in-number-cell',
        rows.actualRow,
        col,
        parsed?.kind === 'number' ? parsed.value : '数値 / a number',
        rawActual ?? null,
        `${where.ja}実績のセルに文字列が入っています: ${actual.message.ja}（文字列のままでは達成率が計算されません）`,
        `${where.en}actual cell holds text: ${actual.message.en} (as text no rate is computed)`,
        extra,
      );
    }
  }

  const target = parseTarget(kpi.targets[year] ?? null, kpi.direction, kpi.strict);
  const hasActual = actual.kind === 'number' || actual.kind === 'word';

  // An actual without a target (a blank target cell; 「－」 is a deliberate "no target").
  if (hasActual && target.kind === 'blank' && !textTarget) {
    finding(
      ctx,
      'actual-without-target',
      rows.targetRow,
      col,
      '目標値 / a target',
      g.value(rows.targetRow, col),
      `${where.ja}目標が空欄なのに実績 ${shown(rawActual ?? null, 'ja')} が入力されています（達成件数に数えられません）`,
      `${where.en}has an actual (${shown(rawActual ?? null, 'en')}) but no target (it is not counted in 達成件数)`,
      extra,
    );
  }

  // A relative target that cannot resolve while the year already has an actual.
  if (ky.status === 'pendingTarget' && hasActual) {
    const years = plan.plan.years;
    const i = years.indexOf(year);
    const prevLabel = i > 0 ? `${years[i - 1]} の実績` : '基準値';
    const prevLabelEn = i > 0 ? `the ${years[i - 1]} actual` : 'the baseline';
    finding(
      ctx,
      'relative-target-unresolved',
      rows.targetRow,
      col,
      '前年度の実績（数値） / the previous actual (a number)',
      g.value(rows.targetRow, col),
      `${where.ja}目標「${target.kind === 'relative' ? target.label : '前年度以上'}」が決まりません: ${prevLabel}（${prevActual ?? '?'}）が数値ではありません。実績 ${shown(rawActual ?? null, 'ja')} を評価できません`,
      `${where.en}relative target cannot resolve: ${prevLabelEn} (${prevActual ?? '?'}) is not a number, so the actual ${shown(rawActual ?? null, 'en')} cannot be evaluated`,
      extra,
    );
  }

  // A target moved to the wrong side of the baseline (only where it differs from the plan: a plan may
  // deliberately set a target below an exceptional baseline, e.g. a tax-collection rate in 2020).
  if (target.kind === 'number' && !textTarget && (kpi.direction === 'higher' || kpi.direction === 'lower')) {
    const base = interpretActual(kpi, kpi.baseline ?? null);
    const planned = metaKpi?.targets?.[year] as TargetValue | undefined;
    if (base.kind === 'number' && !sameAsPlanned(kpi.targets[year], planned, kpi, year, plan.plan)) {
      const below = kpi.direction === 'higher' && target.value < base.value;
      const above = kpi.direction === 'lower' && target.value > base.value;
      if (below || above) {
        finding(
          ctx,
          below ? 'target-below-baseline' : 'target-above-baseline',
          rows.targetRow,
          col,
          below ? `≥ ${base.value}` : `≤ ${base.value}`,
          g.value(rows.targetRow, col),
          below
            ? `${where.ja}目標 ${target.value} が基準値 ${base.value}（${a1(rows.actualRow, baseCol)}）を下回っています（数値が大きいほど良い指標です。計画の目標は ${shown(typeof planned === 'object' ? null : (planned ?? null), 'ja')}）`
            : `${where.ja}目標 ${target.value} が基準値 ${base.value}（${a1(rows.actualRow, baseCol)}）を上回っています（数値が小さいほど良い指標です。計画の目標は ${shown(typeof planned === 'object' ? null : (planned ?? null), 'ja')}）`,
          below
            ? `${where.en}target ${target.value} is below the baseline ${base.value} of a higher-is-better KPI (the plan's target is ${shown(typeof planned === 'object' ? null : (planned ?? null), 'en')})`
            : `${where.en}target ${target.value} is above the baseline ${base.value} of a lower-is-better KPI (the plan's target is ${shown(typeof planned === 'object' ? null : (planned ?? null), 'en')})`,
          extra,
        );
      }
    }
  }

  // A target changed in the workbook since it was made (the metadata holds the plan's).
  const planned = metaKpi?.targets?.[year] as TargetValue | undefined;
  if (!textTarget) checkTargetChanged(ctx, { header: plan.plan, kpi, year, planned, row: rows.targetRow, col, extra });
}
