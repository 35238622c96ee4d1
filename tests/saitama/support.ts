// The Saitama action plan (seed 000) as the tests share it.
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { REPO } from '../support/plans';

export const SAITAMA = path.join(REPO, 'seeds', 'saitama-2020.json');

export function saitamaPlan(): Promise<Plan> {
  return loadPlanFile(SAITAMA);
}
