// The whole workbook for a plan: 一覧, one Gunma evaluation sheet per item, and a hidden metadata
// sheet with what the sheets do not show (direction, rate formula, history) for a lossless export.
import type { Item, Layout, Plan } from '../model/plan';
import { evaluatePlan, type PlanResult } from '../rules/evaluate';
import { DEFAULT_LAYOUT, itemSheetBuilder, extraSheetsBuilder, type ItemSheetContext } from './registry';
import { buildOverviewSheet } from './overview';
import { buildTrendSheet } from './trend-sheet';
import { SheetBuilder } from './grid';
import type { SheetLayout, WorkbookLayout } from './types';
import { cellText, standInsOf, type StandIn } from './text';
import type { RoundStamp } from '../round/stamp';
import { lockByYear } from './protection';

export const META_SHEET = '_hyoka';
export const META_MARKER = 'hyoka plan metadata v1';
const CHUNK = 30000; // below Excel's 32,767 characters per cell

/**
 * The metadata JSON cut into cells: never inside a surrogate pair (each half alone would become
 * U+FFFD), and with DEL escaped (JSON.stringify leaves it raw; XML writers drop it). JSON.stringify
 * already escapes the other control characters and lone surrogates.
 */
export function metadataChunks(json: string, size = CHUNK): string[] {
  const text = json.replace(/\u007f/g, '\\u007f');
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + size);
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** Excel sheet names: ≤ 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function itemSheetNames(items: Item[]): string[] {
  const used = new Set<string>();
  return items.map((item) => {
    // Apostrophes become ’: sheet references quote names with ', and exceljs mangles doubled quotes.
    const base = cellText(`(${item.no})${item.title}`).replace(/[\\/?*[\]:]/g, '・').replace(/'/g, '’').replace(/\s+/g, ' ').trim();
    let name = base.slice(0, 31);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Layouts whose item sheets show 備考 and 目標変更 (gunma-sheet.ts remarksAndTargetChanges). */
const SHOWS_REQUESTS: Layout[] = ['gunma-evaluation', 'saitama-action'];

/** What the metadata sheet keeps: the plan minus the texts and figures the sheets themselves hold. */
export function metadataOf(
  plan: Plan,
  sheetNames: string[],
  layout: Layout = DEFAULT_LAYOUT,
  /** Per item, the stand-ins its sheet made beyond cellText's (SheetLayout.standIns). */
  sheetStandIns: (StandIn[] | undefined)[] = [],
  /** The round this workbook was sent in (round/stamp.ts), if any. */
  round?: RoundStamp,
) {
  return {
    version: plan.version,
    ...(round ? { round } : {}),
    /** The layout the item sheets were rendered with: tells the reader how to read them back. */
    layout,
    plan: plan.plan,
    kgis: plan.kgis,
    goals: plan.goals,
    items: plan.items.map((item, i) => ({
      sheet: sheetNames[i],
      id: item.id,
      goal: item.goal,
      reform: item.reform,
      no: item.no,
      notes: item.notes,
      // Fields the Gunma sheet does not show travel here, so export loses nothing.
      code: item.code,
      section: item.section,
      expectedEffects: item.expectedEffects,
      highlights: item.highlights,
      revisions: item.revisions,
      // Layouts other than the Gunma sheet do not show these: they travel here.
      ...(layout === 'gunma-evaluation' ? {} : { situation: item.situation, problems: item.problems, dataUtilization: item.dataUtilization, kpiKgis: item.kpis.map((k) => k.kgi ?? null) }),
      // The Gunma sheet shows 目標変更 and 備考 (round-year inputs); other layouts carry them here.
      ...(SHOWS_REQUESTS.includes(layout) ? {} : { remarks: item.remarks }),
      kpis: item.kpis.map(({ actuals: _a, baseline: _b, name: _n, unit: _u, kgi: _k, ...rest }) => {
        const { targetChangeRequests: _t, ...shown } = rest;
        return SHOWS_REQUESTS.includes(layout) ? shown : rest;
      }),
      referenceIndicators: item.referenceIndicators.map((r) => ({ notes: r.notes })),
      schedule: item.schedule.map((t) => ({
        group: t.group,
        yearNotes: t.yearNotes,
        ...(layout === 'gunma-evaluation' ? {} : { relatedKpis: t.relatedKpis, plan: t.plan, result: t.result, planNotes: t.planNotes, resultNotes: t.resultNotes }),
      })),
      // Texts a cell cannot hold exactly (CR, U+000B, lone surrogates, a note starting with ■):
      // the reader puts them back.
      ...withStandIns([...standInsOf(item), ...(sheetStandIns[i] ?? [])]),
    })),
  };
}
export type PlanMetadata = ReturnType<typeof metadataOf>;

function withStandIns(standIns: StandIn[]): { standIns?: StandIn[] } {
  return standIns.length ? { standIns } : {};
}

function buildMetaSheet(plan: Plan, sheetNames: string[], layout: Layout, itemSheets: SheetLayout[], round?: RoundStamp): SheetLayout {
  const b = new SheetBuilder(META_SHEET, 'meta');
  const json = JSON.stringify(metadataOf(plan, sheetNames, layout, itemSheets.map((s) => s.standIns), round));
  b.put(1, 1, META_MARKER, 'meta');
  metadataChunks(json).forEach((chunk, i) => b.put(i + 2, 1, chunk, 'meta'));
  b.layout.hidden = true;
  b.layout.columns = [{ width: 80 }];
  return b.layout;
}

export interface BuildOptions {
  /** Overrides the plan's own layout. */
  layout?: Layout;
  /** A workbook sent in a yearly round carries its stamp in the hidden metadata (round/stamp.ts). */
  round?: RoundStamp;
  /**
   * Lock by year (issue 11): only this year's inputs open, everything else under sheet protection with
   * the office's password (protection.ts). Without it every input of every year stays open, as a plain
   * generate always did.
   */
  lock?: { year: string; password?: string };
  /** generate --charts: a 推移 sheet with one native trend chart per numeric KPI (layout/trend-sheet.ts). */
  charts?: boolean;
}

export function buildWorkbookLayout(plan: Plan, result: PlanResult = evaluatePlan(plan), options: BuildOptions = {}): WorkbookLayout {
  const layout = options.layout ?? plan.plan.layout ?? DEFAULT_LAYOUT;
  const build = itemSheetBuilder(layout);
  const names = itemSheetNames(plan.items);
  const context = (item: Item, i: number): ItemSheetContext => ({ header: plan.plan, kgis: plan.kgis, item, result: result.items[i], sheetName: names[i], goals: plan.goals });
  const itemSheets = plan.items.map((item, i) => build(context(item, i)));
  const extraSheets = extraSheetsBuilder(layout)?.(plan, result, itemSheets, names) ?? [];
  const trend = options.charts ? buildTrendSheet(plan, itemSheets) : null;
  const workbook: WorkbookLayout = {
    title: plan.plan.title,
    sheets: [buildOverviewSheet(plan, itemSheets), ...extraSheets, ...itemSheets, ...(trend ? [trend.sheet] : []), buildMetaSheet(plan, names, layout, itemSheets, options.round)],
    ...(trend ? { charts: trend.charts } : {}),
  };
  if (!options.lock) return workbook;
  if (!plan.plan.years.includes(options.lock.year)) {
    throw new RangeError(
      `年度 ${options.lock.year} は計画の年度（${plan.plan.years.join('・')}）にありません / ` +
        `year ${options.lock.year} is not one of the plan's years (${plan.plan.years.join(', ')})`,
    );
  }
  return lockByYear(workbook, options.lock);
}
