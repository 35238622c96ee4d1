// Which sheet layout renders a plan's items. A plan names its layout (plan.layout); the CLI and the
// task pane may override it. Each layout is pure data like the Gunma sheet; its reader lives in
// src/xlsx/readers.ts.
import type { Layout } from '../model/plan';
import { buildItemSheet, type ItemSheetInput } from './gunma-sheet';
import type { SheetLayout } from './types';

export type ItemSheetBuilder = (input: ItemSheetInput) => SheetLayout;

export const DEFAULT_LAYOUT: Layout = 'gunma-evaluation';

const BUILDERS: Partial<Record<Layout, ItemSheetBuilder>> = {
  'gunma-evaluation': buildItemSheet,
};

/** Layouts register their item-sheet builder here (one line each). */
export function registerItemSheetBuilder(layout: Layout, builder: ItemSheetBuilder): void {
  BUILDERS[layout] = builder;
}

export function itemSheetBuilder(layout: Layout): ItemSheetBuilder {
  const builder = BUILDERS[layout];
  if (!builder) throw new Error(`レイアウト「${layout}」はまだ使えません / layout "${layout}" is not available (available: ${availableLayouts().join(', ')})`);
  return builder;
}

export function availableLayouts(): Layout[] {
  return Object.keys(BUILDERS) as Layout[];
}
