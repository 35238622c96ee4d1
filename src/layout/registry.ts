// Which sheet layout renders a plan's items. A plan names its layout (plan.layout); the CLI and the
// task pane may override it. Each layout is pure data like the Gunma sheet; its reader is registered in
// src/read/all-readers.ts.
import type { Layout } from '../model/plan';
import { buildItemSheet, type ItemSheetInput } from './gunma-sheet';
import { buildSaitamaSheet } from './saitama-sheet';
import { buildDxSheet } from './dx-sheet';
import type { SheetLayout } from './types';
import { buildYamagataSheet } from './yamagata-sheet';
import { buildOutlineItemSheet, buildOutlineSheets } from './outline-sheet';
import type { Goal, Plan } from '../model/plan';
import type { PlanResult } from '../rules/evaluate';

export type ItemSheetBuilder = (input: ItemSheetInput) => SheetLayout;

export const DEFAULT_LAYOUT: Layout = 'gunma-evaluation';

/** Every layout's item-sheet builder: one line each (a new layout adds its line here). */
const BUILDERS: Readonly<Partial<Record<Layout, ItemSheetBuilder>>> = {
  'gunma-evaluation': buildItemSheet,
  'saitama-action': buildSaitamaSheet,
  'gunma-dx': buildDxSheet,
  'yamagata-summary': buildYamagataSheet,
  outline: buildOutlineItemSheet,
};

export function itemSheetBuilder(layout: Layout): ItemSheetBuilder {
  const builder = BUILDERS[layout];
  if (!builder) throw new Error(`レイアウト「${layout}」はまだ使えません / layout "${layout}" is not available (available: ${availableLayouts().join(', ')})`);
  return builder;
}

export function availableLayouts(): Layout[] {
  return Object.keys(BUILDERS) as Layout[];
}

/** What a builder may also see of the plan: the goals (subtitles, tags) — optional, builders may ignore it. */
export type ItemSheetContext = ItemSheetInput & { goals?: Goal[] };

/** Sheets a layout adds after 一覧 (e.g. the outline's 目標・方針 sheet, which works with zero items). */
export type ExtraSheetsBuilder = (plan: Plan, result: PlanResult, itemSheets: SheetLayout[], sheetNames: string[]) => SheetLayout[];
const EXTRA_SHEETS: Partial<Record<Layout, ExtraSheetsBuilder>> = {
  outline: buildOutlineSheets,
};
export function extraSheetsBuilder(layout: Layout): ExtraSheetsBuilder | undefined {
  return EXTRA_SHEETS[layout];
}
