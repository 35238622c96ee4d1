// Gunma's next plan (seed 003) as an empty plan: the seed validates and holds the 目標 → 方針 hierarchy;
// the workbook generates with zero items (一覧 only headers and a blank total); export(generate(plan))
// = plan; 実施項目 written into the empty rows of 目標・方針 become items, which then generate Gunma
// evaluation sheets and recalculate in LibreOffice to the engine's values.
import ExcelJS from 'exceljs';
import { Plan } from '../../src/model/plan';
import { parsePlan } from '../../src/model/validate';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { OUTLINE_LABELS, OUTLINE_SHEET } from '../../src/layout/outline-sheet';
import { OVERVIEW_SHEET } from '../../src/layout/overview';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan, WorkbookReadError } from '../../src/xlsx/read';
import { plainValue } from '../../src/xlsx/cells';
import { canonical, formulaDisagreements, loadSeed, OUTLINE, recalculated, roundTrip } from '../yamagata/support';

let plan: Plan;
beforeAll(async () => {
  plan = await loadSeed(OUTLINE);
});

/** The row of a 方針 on the 目標・方針 sheet and the columns by header label. */
function locate(ws: ExcelJS.Worksheet) {
  const cols = new Map<string, number>();
  let headerRow = 0;
  ws.eachRow((row, r) => row.eachCell((cell) => {
    if (plainValue(cell) === OUTLINE_LABELS.policyName) headerRow = r;
  }));
  ws.getRow(headerRow).eachCell((cell, c) => void cols.set(String(plainValue(cell)), c));
  const policyRow = (no: number) => {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) if (plainValue(ws.getCell(r, cols.get(OUTLINE_LABELS.policyNo)!)) === `方針${no}`) return r;
    throw new Error(`方針${no} not found`);
  };
  return { col: (label: string) => cols.get(label)!, policyRow };
}

describe('the Gunma 2025 outline seed (003)', () => {
  test('validates: R7–R11 from R6, goals Ⅰ–Ⅳ with tags, 方針1–17 with 新規/強化, no items', () => {
    expect(parsePlan(JSON.parse(JSON.stringify(plan))).ok).toBe(true);
    expect(plan.plan).toMatchObject({ id: 'gunma-2025', layout: 'outline', baseYear: 'R6', years: ['R7', 'R8', 'R9', 'R10', 'R11'] });
    expect(plan.items).toEqual([]);
    const goals = plan.goals!;
    expect(goals.map((g) => [g.no, g.tag, g.policies.map((p) => p.no)])).toEqual([
      [1, '強化', [1, 2, 3, 4]],
      [2, '新規', [5, 6, 7]],
      [3, '見直し', [8, 9, 10, 11, 12]],
      [4, '強化', [13, 14, 15, 16, 17]],
    ]);
    const tagged = goals.flatMap((g) => g.policies.filter((p) => p.tag).map((p) => `${p.no}${p.tag}`));
    expect(tagged).toEqual(['3新規', '8新規', '9新規', '10新規', '11強化', '14強化', '16強化']);
    for (const g of goals) {
      expect(g.summary).toBeTruthy();
      expect(g.points).toBeTruthy();
      expect(g.examples).toMatch(/等$/);
    }
    expect(goals[2].name).toBe('県民の期待に応え、未来を切り拓く職員の育成と組織風土改革');
  });

  test('generates with zero items: 一覧 (headers and a blank total), 目標・方針, metadata — no empty SUM()', () => {
    const layout = buildWorkbookLayout(plan);
    expect(layout.sheets.map((s) => s.name)).toEqual([OVERVIEW_SHEET, OUTLINE_SHEET, '_hyoka']);
    const overview = layout.sheets[0];
    expect(overview.cells.some((c) => c.value === '計画全体')).toBe(true);
    for (const s of layout.sheets) for (const c of s.cells) if (c.formula) expect(c.formula).not.toMatch(/\(\)/);
    const outline = layout.sheets[1];
    expect(outline.cells.filter((c) => typeof c.value === 'string' && /^方針\d+$/.test(c.value))).toHaveLength(17);
    expect(outline.print).toMatchObject({ paper: 'A3', landscape: true, fitToWidth: 1 });
    expect(outline.protect).toBe(true);
  });

  test('export(generate(plan)) = plan', async () => {
    expect(canonical(Plan.parse(await roundTrip(plan)))).toEqual(canonical(plan));
  });
});

describe('starting the 2025–2029 cycle from the outline', () => {
  async function filledWorkbook(): Promise<ExcelJS.Workbook> {
    const wb = await loadWorkbook(await writeWorkbookBuffer(buildWorkbookLayout(plan)));
    const ws = wb.getWorksheet(OUTLINE_SHEET)!;
    const { col, policyRow } = locate(ws);
    const r3 = policyRow(3);
    ws.getCell(r3, col(OUTLINE_LABELS.itemTitle)).value = '市町村のDX人材育成の支援';
    ws.getCell(r3, col(OUTLINE_LABELS.leadDept)).value = 'デジタルトランスフォーメーション課';
    const r14 = policyRow(14);
    ws.getCell(r14, col(OUTLINE_LABELS.itemNo)).value = 20;
    ws.getCell(r14, col(OUTLINE_LABELS.itemTitle)).value = '中期財政見通しの公表';
    ws.getCell(r14, col(OUTLINE_LABELS.leadDept)).value = '財政課';
    // The reform office also tags 方針5 and renames 方針17.
    ws.getCell(policyRow(5), col(OUTLINE_LABELS.policyTag)).value = '強化';
    ws.getCell(policyRow(17), col(OUTLINE_LABELS.policyName)).value = '公営企業の経営基盤の強化';
    return wb;
  }

  test('rows written into 目標・方針 become items of their 目標 and 方針; edits of goals and 方針 come back', async () => {
    const back = workbookToPlan(await filledWorkbook(), 'outline.xlsx');
    expect(back.items.map((it) => [it.id, it.no, it.goal.no, it.reform, it.title, it.leadDept])).toEqual([
      ['1-3-1', 21, 1, { no: 3, name: '市町村DX推進の支援' }, '市町村のDX人材育成の支援', 'デジタルトランスフォーメーション課'],
      ['4-14-1', 20, 4, { no: 14, name: '財政規律の強化' }, '中期財政見通しの公表', '財政課'],
    ]);
    expect(back.goals![1].policies[0]).toEqual({ no: 5, name: '官民共創による課題解決力の強化', tag: '強化' });
    expect(back.goals![3].policies[4]).toEqual({ no: 17, name: '公営企業の経営基盤の強化' });
    expect(parsePlan(JSON.parse(JSON.stringify(back))).ok).toBe(true);
  });

  test('the plan with items generates evaluation sheets, lists them under their 方針, and round-trips', async () => {
    const withItems = Plan.parse(workbookToPlan(await filledWorkbook(), 'outline.xlsx'));
    withItems.items[0].kpis = [{ no: 1, name: 'DX研修を受けた市町村職員数', unit: '人', direction: 'higher', baseline: 120, targets: { R7: 200, R8: 300 }, actuals: { R7: 215 } }];
    const layout = buildWorkbookLayout(withItems);
    expect(layout.sheets.map((s) => s.name)).toEqual([OVERVIEW_SHEET, OUTLINE_SHEET, '(21)市町村のDX人材育成の支援', '(20)中期財政見通しの公表', '_hyoka']);
    const outline = layout.sheets[1];
    expect(outline.cells.filter((c) => c.value === 'hyoka:item:1-3-1')).toHaveLength(1);
    const back = await roundTrip(withItems);
    expect(canonical(Plan.parse(back))).toEqual(canonical(withItems));
  });

  test('LibreOffice recalculates that workbook to the engine (item sheets and 一覧)', async () => {
    const withItems = Plan.parse(workbookToPlan(await filledWorkbook(), 'outline.xlsx'));
    withItems.items[0].kpis = [{ no: 1, name: 'DX研修を受けた市町村職員数', unit: '人', direction: 'higher', baseline: 120, targets: { R7: 200, R8: 300 }, actuals: { R7: 215, R8: 290 } }];
    const { wb, layout } = await recalculated(withItems, 'outline');
    const { checked, problems } = formulaDisagreements(wb, layout);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
    const ws = wb.getWorksheet(OVERVIEW_SHEET)!;
    // 計画全体: R7 215 ≥ 200 achieved, R8 290 < 300 missed.
    const totals = layout.sheets[0].cells.filter((c) => c.formula && (c.result === '1 / 1' || c.result === '0 / 1'));
    expect(totals.map((c) => plainValue(ws.getCell(c.row, c.col)))).toEqual(expect.arrayContaining(['1 / 1', '0 / 1']));
  });

  test('an unknown tag is refused with the cell it is in', async () => {
    const wb = await loadWorkbook(await writeWorkbookBuffer(buildWorkbookLayout(plan)));
    const ws = wb.getWorksheet(OUTLINE_SHEET)!;
    const { col, policyRow } = locate(ws);
    ws.getCell(policyRow(2), col(OUTLINE_LABELS.policyTag)).value = '重点';
    expect(() => workbookToPlan(wb, 'bad.xlsx')).toThrow(WorkbookReadError);
    expect(() => workbookToPlan(wb, 'bad.xlsx')).toThrow(/重点/);
  });
});
