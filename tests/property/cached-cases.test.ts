// The cached values issue 9 (point 7) measured on hyoka's own fresh workbooks, each checked against the
// audit and a LibreOffice recalculation: a live 前年度以上 target beside a text actual, a miss within
// 1e-10 of 100%, an actual of 1E308, and the DX 一覧 whose sheets judge a year from its quarters.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { Plan, type PlanInput } from '../../src/model/plan';
import { parsePlan } from '../../src/model/validate';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { OVERVIEW_SHEET } from '../../src/layout/overview';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { check } from './support';

/** A plan as the schema takes it; `validate: false` for what a clerk can type into a sheet but validate refuses. */
function plan(kpis: NonNullable<PlanInput['items'][number]['kpis']>, layout?: 'gunma-dx', validate = true) {
  const input = {
    version: 1,
    plan: { id: 'p', title: '計画', baseYear: 'R1', years: ['R2', 'R3'], ...(layout ? { layout } : {}) },
    items: [{ id: '1-1-1', goal: { no: 1, name: '目標' }, reform: { no: 1, name: '改革' }, no: 1, title: '項目', kpis }],
  };
  if (!validate) return Plan.parse(input);
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.plan;
}

let dir: string;
beforeAll(async () => void (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-cached-'))));
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

test('Gunma sheet: relative target beside a text actual, a miss just under 100%, a rate that overflows', async () => {
  const p = plan([
    { no: 1, name: '前年度以上', direction: 'higher', targets: { R3: { relative: 'previousActual', label: '前年度以上' } }, actuals: { R2: 5, R3: 'abc' } },
    { no: 2, name: '境界', direction: 'higher', targets: { R2: 0.7 }, actuals: { R2: 0.69999999999999 } },
    // 1e-300 against 1e15: the rate overflows a double (validate refuses it in a plan; a clerk can type it).
    { no: 3, name: '巨大', direction: 'higher', targets: { R2: 1e-300 }, actuals: { R2: 1e15 } },
    // 99.99999999999992%, a miss: LibreOffice's 2^-48 tolerance reads it as 100, Excel's 15 digits below (CI seed 551902918).
    { no: 4, name: '同値付近', direction: 'higher', rateFormula: 'margin', strict: true, decimals: 2, targets: { R2: 1199.40000000072 }, actuals: { R2: 1e-12 } },
    { no: 5, name: '超', direction: 'higher', strict: true, targets: { R2: 100 }, actuals: { R2: 100 } },
  ], undefined, false);
  const layout = buildWorkbookLayout(p);
  const sheet = layout.sheets.find((s) => s.kind === 'item')!;
  const at = (row: number, col: number) => sheet.cells.find((c) => c.row === row && c.col === col && (c.formula || c.value !== undefined));
  const [k1, k2, k3, k4, k5] = sheet.anchors!.kpis;
  const { R2, R3 } = sheet.anchors!.yearCols;
  expect(at(k1.targetRow, R3)?.result).toBe(5); // the previous actual, as the formula gives
  expect(at(k2.rateRow, R2)?.result).toBe('99.9%'); // a miss never reads 100%, before or after recalculation
  expect(at(k3.rateRow, R2)?.result).toBe('－');
  expect(at(k4.rateRow, R2)?.result).toBe('99.99%');
  expect(at(k5.rateRow, R2)?.result).toBe('99.9%');
  const zip = await JSZip.loadAsync(await writeWorkbookBuffer(layout));
  for (const name of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) expect(await zip.file(name)!.async('string')).not.toMatch(/Infinity|NaN/);
  await check(p, dir, 'gunma');
}, 120_000);

test('DX sheet: 一覧 counts what the sheet judges from the quarters, not the yearly actual', async () => {
  // The yearly actual misses (1 of 4); the quarters reach the target (4 in the fourth quarter).
  const p = plan([{ no: 1, name: '件数', unit: '件', direction: 'higher', targets: { R2: 4 }, actuals: { R2: 1 }, quarterlyActuals: { R2: [1, 2, 3, 4] } }], 'gunma-dx');
  const overview = buildWorkbookLayout(p).sheets.find((s) => s.name === OVERVIEW_SHEET)!;
  expect(overview.cells.filter((c) => c.formula?.includes('" / "')).map((c) => c.result)).toContain('1 / 1');
  await check(p, dir, 'dx');
}, 120_000);
