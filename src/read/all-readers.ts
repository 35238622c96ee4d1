// Every layout's reader, registered once (the Gunma evaluation sheet registers itself in
// plan-reader.ts). A new layout adds one import line here; hosts import gridsToPlan from this file.
import type { Plan } from '../model/plan';
import type { Grid } from './grid';
import type { ReadIssue } from './issues';
import { gridsToPlan as readItemSheets, type Locations } from './plan-reader';
import './yamagata-reader';
import './dx-reader';
import './saitama-reader';
import { readOutlineSheet } from './outline-reader';

/**
 * The plan a workbook holds: every item sheet by its layout's reader, then the outline's 目標・方針 sheet,
 * if any. `issues` collects what the readers noticed (else the first that would lose data is thrown).
 */
export function gridsToPlan(grids: Grid[], file: string, locations: Locations = {}, issues?: ReadIssue[]): Plan {
  return readOutlineSheet(readItemSheets(grids, file, locations, issues), grids, file);
}
