/// <reference types="office-js" />
// The task pane's clerk mode (src/taskpane/clerk.ts, readClerkRound in operations.ts) on a real round
// workbook: two items of the bundled plan sent for R5 with a stamp and locked by year (buildWorkbookLayout
// … { round, lock }), written by the exceljs writer, typed into as a clerk would (exceljs), saved, loaded
// again through the bounded loader and read by the same grid reader the pane uses (gridsToPlan). The
// Office.js operation runs on the mock Excel (tests/office/excel-mock.ts) holding the same workbook, with
// its syncs counted.
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { ItemAnchors } from '../../src/layout/types';
import { a1 } from '../../src/layout/a1';
import type { Plan } from '../../src/model/plan';
import { gridsToPlan } from '../../src/read/all-readers';
import { readMetadata, type Locations } from '../../src/read/plan-reader';
import { fingerprintOf, stampOf, type RoundStamp } from '../../src/round/stamp';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, worksheetGrid } from '../../src/xlsx/read';
import { writeWorkbook } from '../../src/office/write-sheet';
import { beforeSubmit, clerkTodo } from '../../src/taskpane/clerk';
import { createWorkbook, readClerkRound, selectProblem } from '../../src/taskpane/operations';
import { createMockExcel } from '../office/excel-mock';
import { bundledPlan } from '../support/plans';

const YEAR = 'R5';
/** Locked as distribute locks it: only the round year's inputs open (sheet protection). */
const LOCK = { year: YEAR };
let sent: Plan;
let stamp: RoundStamp;
let anchors: Map<string, { sheet: string; a: ItemAnchors }>;

beforeAll(async () => {
  const plan = await bundledPlan();
  sent = { ...plan, items: plan.items.slice(0, 2) }; // 1-1-1 (three KPIs) and 1-1-2 (two)
  stamp = {
    version: 1,
    planId: plan.plan.id,
    roundId: 'R5-20261202T100000Z',
    year: YEAR,
    recipient: { name: '業務プロセス改革課' },
    issuedAt: '2026-12-02T10:00:00Z',
    itemIds: sent.items.map((it) => it.id),
    fingerprint: fingerprintOf(sent, YEAR),
  };
  anchors = new Map(
    buildWorkbookLayout(sent, undefined, { round: stamp, lock: LOCK })
      .sheets.filter((s) => s.anchors)
      .map((s) => [s.anchors!.itemId, { sheet: s.name, a: s.anchors! }]),
  );
});

/** The 実績 cell of a KPI in the round year, as the layout placed it. */
const actualCell = (itemId: string, kpiNo: number) => {
  const { sheet, a } = anchors.get(itemId)!;
  const k = a.kpis.find((x) => x.no === kpiNo)!;
  return { sheet, row: k.actualRow, col: a.yearCols[YEAR], address: a1(k.actualRow, a.yearCols[YEAR]) };
};

const ALL_KPIS = [['1-1-1', 1], ['1-1-1', 2], ['1-1-1', 3], ['1-1-2', 1], ['1-1-2', 2]] as const;

type Edit = { sheet: string; row: number; col: number; value: string | number };

/** The stamped workbook, typed into with exceljs, saved and read back as the pane reads it. */
async function roundWorkbook(edits: Edit[] = [], what = sent) {
  const round = { ...stamp, fingerprint: fingerprintOf(what, YEAR) };
  const bytes = await writeWorkbookBuffer(buildWorkbookLayout(what, undefined, { round, lock: LOCK }));
  const first = await loadWorkbook(bytes, 'R5.xlsx');
  for (const e of edits) first.getWorksheet(e.sheet)!.getCell(e.row, e.col).value = e.value;
  const wb = await loadWorkbook(new Uint8Array(await first.xlsx.writeBuffer()), 'R5.xlsx');
  const grids = wb.worksheets.map(worksheetGrid);
  const locations: Locations = {};
  const plan = gridsToPlan(grids, 'R5.xlsx', locations);
  const read = stampOf(readMetadata(grids, 'R5.xlsx'));
  if (!read || 'problem' in read) throw new Error('the workbook lost its stamp');
  return { plan, locations, stamp: read.stamp };
}

const fill = (itemId: string, kpiNo: number, value: string | number): Edit => ({ ...actualCell(itemId, kpiNo), value });
const text = (itemId: string, field: 'factors' | 'nextYearIssues', value: string): Edit => {
  const { sheet, a } = anchors.get(itemId)!;
  return { sheet, row: a.evaluationRows[field], col: a.yearCols[YEAR], value };
};

describe('今年度の入力 (clerkTodo)', () => {
  test("the stamp's items in order, each KPI's R5 実績 cell at its address, blank until typed", async () => {
    const blank = await roundWorkbook();
    expect(blank.stamp).toEqual(stamp);
    const todo = clerkTodo(blank.plan, blank.stamp, blank.locations);
    expect(todo.map((c) => [c.itemId, c.kpiNo, c.sheet, c.address, c.filled])).toEqual(
      ALL_KPIS.map(([id, no]) => [id, no, actualCell(id, no).sheet, actualCell(id, no).address, false]),
    );
    const [item] = sent.items;
    expect(todo[0]).toMatchObject({ itemNo: item.no, itemTitle: item.title, kpiName: item.kpis[0].name });

    const typed = await roundWorkbook([fill('1-1-1', 2, 950), fill('1-1-2', 1, '－')]);
    const filled = clerkTodo(typed.plan, typed.stamp, typed.locations).filter((c) => c.filled);
    expect(filled.map((c) => [c.itemId, c.kpiNo])).toEqual([
      ['1-1-1', 2],
      ['1-1-2', 1],
    ]);
  });

  test("the stamp's order, not the sheets': an item listed first in the stamp comes first", async () => {
    const blank = await roundWorkbook();
    const reversed = { ...blank.stamp, itemIds: [...blank.stamp.itemIds].reverse() };
    const order = [...new Set(clerkTodo(blank.plan, reversed, blank.locations).map((c) => c.itemId))];
    expect(order).toEqual(['1-1-2', '1-1-1']);
  });

  test('a KPI without a target this year (「－」) is not asked for, unless something was typed there', async () => {
    const noTarget = structuredClone(sent);
    noTarget.items[1].kpis[0].targets.R5 = '－';
    const blank = await roundWorkbook([], noTarget);
    const asked = clerkTodo(blank.plan, blank.stamp, blank.locations).map((c) => `${c.itemId}:${c.kpiNo}`);
    expect(asked).toEqual(['1-1-1:1', '1-1-1:2', '1-1-1:3', '1-1-2:2']);
    const typed = await roundWorkbook([fill('1-1-2', 1, 3)], noTarget);
    const filled = clerkTodo(typed.plan, typed.stamp, typed.locations).map((c) => `${c.itemId}:${c.kpiNo}:${c.filled}`);
    expect(filled).toContain('1-1-2:1:true');
  });
});

describe('提出前チェック (beforeSubmit)', () => {
  test('an untouched workbook: every R5 actual missing, at its cell; nothing locked changed', async () => {
    const blank = await roundWorkbook();
    const findings = beforeSubmit(blank.plan, blank.stamp, blank.locations);
    expect(findings.map((f) => [f.kind, f.sheet, f.address])).toEqual(
      clerkTodo(blank.plan, blank.stamp, blank.locations).map((c) => ['missingActual', c.sheet, c.address]),
    );
    for (const f of findings) expect([f.ja.length > 0, f.en.length > 0]).toEqual([true, true]);
  });

  test('text where a number belongs (the engine’s words), a miss with a blank 次年度への課題, a missing actual', async () => {
    const r = await roundWorkbook([
      fill('1-1-1', 1, 100),
      fill('1-1-1', 2, '1,266件'),
      fill('1-1-1', 3, 50), // target 100: a miss
      text('1-1-1', 'factors', '庁内の調整に時間を要した。'),
      fill('1-1-2', 1, 100),
    ]);
    const findings = beforeSubmit(r.plan, r.stamp, r.locations);
    expect(findings.map((f) => [f.kind, f.itemId, f.address ?? null])).toEqual([
      ['invalid', '1-1-1', actualCell('1-1-1', 2).address],
      ['blankText', '1-1-1', null],
      ['missingActual', '1-1-2', actualCell('1-1-2', 2).address],
    ]);
    expect(findings[0].ja).toContain('1,266件');
    expect(findings[1].sheet).toBe(actualCell('1-1-1', 1).sheet);
    expect(findings[1].ja).toContain('次年度への課題');
  });

  test('both texts blank in a year with a miss are two findings; no miss, no text asked', async () => {
    const miss = await roundWorkbook([fill('1-1-1', 1, 100), fill('1-1-1', 2, 950), fill('1-1-1', 3, 50)]);
    const texts = beforeSubmit(miss.plan, miss.stamp, miss.locations).filter((f) => f.kind === 'blankText');
    expect(texts.map((f) => [f.itemId, /要因分析/.test(f.ja), /次年度への課題/.test(f.ja)])).toEqual([
      ['1-1-1', true, false],
      ['1-1-1', false, true],
    ]);
    const allMet = await roundWorkbook([fill('1-1-1', 1, 100), fill('1-1-1', 2, 950), fill('1-1-1', 3, 100)]);
    expect(beforeSubmit(allMet.plan, allMet.stamp, allMet.locations).filter((f) => f.kind === 'blankText')).toEqual([]);
  });

  test('a 目標変更 with a new target but no reason (or the reverse) is said; a complete one is not', async () => {
    const { sheet } = anchors.get('1-1-2')!;
    const { sheets } = buildWorkbookLayout(sent, undefined, { round: stamp, lock: LOCK });
    const layout = sheets.find((s) => s.name === sheet)!;
    const rowOf = (label: string) => layout.cells.find((c) => c.col === 1 && c.value === label)!.row;
    const col = anchors.get('1-1-2')!.a.yearCols[YEAR];
    const request = (no: string, value?: number, reason?: string): Edit[] => [
      ...(value === undefined ? [] : [{ sheet, row: rowOf(`${no} 目標変更（新しい目標値）`), col, value }]),
      ...(reason === undefined ? [] : [{ sheet, row: rowOf(`${no} 目標変更の理由`), col, value: reason }]),
    ];
    const r = await roundWorkbook([...request('①', 80), ...request('②', undefined, '制度改正のため')]);
    expect(r.plan.items[1].kpis[0].targetChangeRequests?.[YEAR]).toEqual({ value: 80 }); // the reader saw it
    const found = beforeSubmit(r.plan, r.stamp, r.locations).filter((f) => f.kind === 'requestIncomplete');
    expect(found.map((f) => [f.itemId, f.sheet, /理由が未入力/.test(f.ja), /新しい目標値が未入力/.test(f.ja)])).toEqual([
      ['1-1-2', sheet, true, false],
      ['1-1-2', sheet, false, true],
    ]);
    const complete = await roundWorkbook(request('①', 80, '国の基準が変わったため'));
    const after = beforeSubmit(complete.plan, complete.stamp, complete.locations);
    expect(after.filter((f) => f.kind === 'requestIncomplete')).toEqual([]);
  });

  test('a rewritten past actual (locked content): one finding for the workbook; all filled, nothing else', async () => {
    const values = [['1-1-1', 1, 100], ['1-1-1', 2, 950], ['1-1-1', 3, 100], ['1-1-2', 1, 100], 
      ['1-1-2', 2, 25]] as const;
    const inputs = values.map(([id, no, v]) => fill(id, no, v));
    const honest = await roundWorkbook(inputs);
    expect(beforeSubmit(honest.plan, honest.stamp, honest.locations)).toEqual([]);
    const { sheet, a } = anchors.get('1-1-2')!;
    const pastActual = { sheet, row: a.kpis[1].actualRow, col: a.yearCols.R4, value: 20 }; // R4 was 13.2
    const changed = await roundWorkbook([...inputs, pastActual]);
    const findings = beforeSubmit(changed.plan, changed.stamp, changed.locations);
    expect(findings.map((f) => [f.kind, f.sheet ?? null])).toEqual([['lockedChanged', null]]);
    expect(findings[0].ja).toContain('配布時から変更');
  });
});

describe('readClerkRound (Office.js, mock Excel)', () => {
  test('a stamped workbook: stamp, todo and findings in 2 syncs; a todo entry selects its cell', async () => {
    const { context, book } = createMockExcel(['Sheet1']);
    await writeWorkbook(context, buildWorkbookLayout(sent, undefined, { round: stamp, lock: LOCK }));
    const typed = actualCell('1-1-1', 3);
    book.sheet(typed.sheet)!.cell(typed.row, typed.col).input = '５０％くらい';
    const spy = jest.spyOn(context, 'sync');
    const r = await readClerkRound(context);
    expect(spy.mock.calls.length).toBe(2);
    expect(r).not.toBeNull();
    expect(r!.syncs).toBe(2);
    expect(r!.stamp).toEqual(stamp);
    expect(r!.todo.map((c) => c.address)).toEqual(
      ALL_KPIS.map(([id, no]) => actualCell(id, no).address),
    );
    expect(r!.findings.map((f) => [f.kind, f.address])).toEqual([
      ['missingActual', actualCell('1-1-1', 1).address],
      ['missingActual', actualCell('1-1-1', 2).address],
      ['invalid', typed.address],
      ['missingActual', actualCell('1-1-2', 1).address],
      ['missingActual', actualCell('1-1-2', 2).address],
    ]);
    spy.mockClear();
    await selectProblem(context, r!.todo[2]);
    expect(spy.mock.calls.length).toBe(1);
    expect(book.selection).toEqual({ sheet: typed.sheet, address: typed.address });
  });

  test('a workbook without a stamp (the office’s own) is not a round workbook: null', async () => {
    const { context } = createMockExcel(['Sheet1']);
    await createWorkbook(context, sent);
    expect(await readClerkRound(context)).toBeNull();
    expect(await readClerkRound(createMockExcel(['Sheet1']).context)).toBeNull();
  });

  test('a damaged stamp is said, not taken for an unstamped workbook', async () => {
    const { context } = createMockExcel(['Sheet1']);
    const damaged = { ...stamp, fingerprint: 'not-a-hash' } as unknown as RoundStamp;
    await writeWorkbook(context, buildWorkbookLayout(sent, undefined, { round: damaged, lock: LOCK }));
    await expect(readClerkRound(context)).rejects.toThrow(/fingerprint/);
  });
});
