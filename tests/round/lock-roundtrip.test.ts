// A locked round workbook read back unchanged is the plan it was made from, frozen part and all: the
// 入力欄 legend and the shading add nothing a reader would take for data (notes, carried rows).
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { canonicalJson, frozenPart } from '../../src/round/stamp';
import { SEEDS, roundYear, seedPlan } from './support-lock';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lock-rt-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test.each(SEEDS)('%s: a locked workbook reads back to the same frozen part as a plain one', async (seed) => {
  const plan = await seedPlan(seed);
  const year = roundYear(plan);
  const read = async (lock: boolean) => {
    const file = path.join(dir, `${seed}-${lock}.xlsx`);
    await writeWorkbookFile(buildWorkbookLayout(plan, undefined, lock ? { lock: { year } } : {}), file);
    return workbookToPlan(await loadWorkbook(file), file);
  };
  const [plain, locked] = [await read(false), await read(true)];
  expect(canonicalJson(frozenPart(locked, year))).toBe(canonicalJson(frozenPart(plain, year)));
});
