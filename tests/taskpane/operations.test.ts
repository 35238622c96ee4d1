/// <reference types="office-js" />
// The task pane's operations against the mock Excel (tests/office/excel-mock.ts), whose formula
// evaluator (tests/office/formula.ts) calculates what Excel would show: 新規作成 then read back, 指標・年度
// の追加 on a sheet full of typed actuals, チェック, 一覧の更新 and 書き出し — with their context.sync() counts.
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { SheetLayout, WorkbookLayout } from '../../src/layout/types';
import { a1 } from '../../src/layout/a1';
import type { Plan } from '../../src/model/plan';
import { evaluatePlan } from '../../src/rules/evaluate';
import {
  addKpiToSheet,
  addYearToPlan,
  checkWorkbook,
  createItem,
  createWorkbook,
  exportPlan,
  layoutFor,
  loadSamplePlan,
  parsePlanText,
  readPlan,
  refreshOverview,
  selectProblem,
  SheetExistsError,
  type ItemForm,
  type KpiForm,
} from '../../src/taskpane/operations';
import { createMockExcel, type MockWorkbook } from '../office/excel-mock';
import { rng } from '../support/plans';
import { canonical } from '../support/canonical';


let sample: Plan;
beforeAll(async () => {
  sample = await loadSamplePlan();
});

/** Every formula cell of the layout, as the mock calculates it, against the engine's value. */
function formulaMismatches(book: MockWorkbook, layout: WorkbookLayout, sheets?: (s: SheetLayout) => boolean): string[] {
  const out: string[] = [];
  const evaluator = book.evaluator();
  for (const sheet of layout.sheets.filter(sheets ?? (() => true))) {
    for (const c of sheet.cells) {
      if (c.formula === undefined) continue;
      const input = book.sheet(sheet.name)?.peek(c.row, c.col)?.input;
      if (input !== `=${c.formula}`) {
        out.push(`${sheet.name}!${a1(c.row, c.col)} formula ${String(input)} ≠ =${c.formula}`);
        continue;
      }
      const got = evaluator.cell(sheet.name, c.row, c.col);
      const want = c.result ?? '';
      const same =
        typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) : (got === null ? '' : got) === want;
      if (!same) out.push(`${sheet.name}!${a1(c.row, c.col)} = ${JSON.stringify(got)}, engine ${JSON.stringify(want)} (=${c.formula})`);
    }
  }
  return out;
}

async function sampleWorkbook() {
  const excel = createMockExcel(['Sheet1']);
  await createWorkbook(excel.context, sample);
  return excel;
}

const syncsOf = (context: { sync: () => Promise<void> }) => {
  const spy = jest.spyOn(context, 'sync');
  return () => {
    const n = spy.mock.calls.length;
    spy.mockClear();
    return n;
  };
};

describe('新規作成', () => {
  test('the sample plan: written in ≤ 10 syncs, every formula calculates as the engine, and it reads back as the same plan', async () => {
    const { context, book } = createMockExcel(['Sheet1']);
    const syncs = syncsOf(context);
    const result = await createWorkbook(context, sample);
    expect(syncs()).toBe(result.syncs);
    expect(result.syncs).toBeLessThanOrEqual(10);
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', ...buildWorkbookLayout(sample).sheets.map((s) => s.name)]);
    expect(formulaMismatches(book, buildWorkbookLayout(sample)).slice(0, 10)).toEqual([]);

    const back = await readPlan(context);
    expect(syncs()).toBe(2);
    expect(canonical(back.plan)).toEqual(canonical(sample));

    // The comparison itself notices a formula that points at the wrong cell.
    const sheet = buildWorkbookLayout(sample).sheets[1];
    const k = sheet.anchors!.kpis[0];
    const rate = book.sheet(sheet.name)!.cell(k.rateRow, sheet.anchors!.helperCols.R2);
    const right = a1(k.actualRow, sheet.anchors!.yearCols.R2);
    const wrong = a1(k.actualRow, sheet.anchors!.yearCols.R3);
    rate.input = String(rate.input).split(right).join(wrong);
    expect(formulaMismatches(book, buildWorkbookLayout(sample)).length).toBeGreaterThan(0);
  });

  test('an existing sheet of the same name is refused unless replacing is asked for', async () => {
    const { context, book } = await sampleWorkbook();
    await expect(createWorkbook(context, sample)).rejects.toBeInstanceOf(SheetExistsError);
    const order = book.sheets.map((s) => s.name);
    const result = await createWorkbook(context, sample, { replace: true });
    expect(result.syncs).toBeLessThanOrEqual(10);
    expect(book.sheets.map((s) => s.name)).toEqual(order);
  });

  test('a plan file: every problem with its JSON path; a JSON syntax error too', () => {
    const bad = JSON.parse(JSON.stringify(sample));
    bad.items[2].kpis[0].direction = 'up';
    bad.items[4].title = '';
    delete bad.plan.years;
    const parsed = parsePlanText(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.plan.years', '$.items[2].kpis[0].direction', '$.items[4].title']));
    const syntax = parsePlanText('{"version": 1,');
    expect(syntax).toMatchObject({ ok: false, problems: [{ path: '$' }] });
    expect(parsePlanText(`\uFEFF${JSON.stringify(sample)}`)).toMatchObject({ ok: true });
  });

  const form: ItemForm = {
    goal: { no: 1, name: '新しい行政' },
    reform: { no: 2, name: '業務の見直し' },
    title: 'ペーパーレス化',
    leadDept: '総務課',
    kpis: [
      { name: '紙の使用量', unit: '万枚', direction: 'lower', baseline: '1,200', targets: { R2: '1,100', R3: '1000', R4: '' } },
      { name: 'マニュアル整備', unit: '', direction: 'qualitative', targets: { R2: '整備', R3: '運用' } },
    ],
  };

  test('a blank item sheet in an empty workbook: a new plan with that item, in ≤ 5 syncs', async () => {
    const { context, book } = createMockExcel(['Sheet1']);
    const syncs = syncsOf(context);
    const result = await createItem(context, form, { title: 'テスト計画', baseYear: 'R1', firstYear: 'R2', lastYear: 'R4' });
    expect(syncs()).toBe(result.syncs);
    expect(result.syncs).toBeLessThanOrEqual(5);
    const back = await readPlan(context);
    expect(back.plan.plan).toMatchObject({ title: 'テスト計画', baseYear: 'R1', years: ['R2', 'R3', 'R4'] });
    expect(back.plan.items).toHaveLength(1);
    expect(back.plan.items[0].kpis.map((k) => [k.name, k.unit, k.direction, k.baseline, k.targets])).toEqual([
      ['紙の使用量', '万枚', 'lower', 1200, { R2: 1100, R3: 1000 }],
      ['マニュアル整備', '', 'qualitative', undefined, { R2: '整備', R3: '運用' }],
    ]);
    expect(book.activeSheet?.name).toBe('一覧');
  });

  test('a blank item sheet in a workbook with a plan: added after the last item, 一覧 and metadata rewritten', async () => {
    const { context, book } = await sampleWorkbook();
    const syncs = syncsOf(context);
    const result = await createItem(context, form, { title: '', baseYear: '', firstYear: '', lastYear: '' });
    expect(syncs()).toBe(result.syncs);
    expect(result.syncs).toBeLessThanOrEqual(4);
    const names = book.sheets.map((s) => s.name);
    expect(names[names.length - 2]).toBe(`(31)ペーパーレス化`);
    expect(names[names.length - 1]).toBe('_hyoka');
    expect(book.activeSheet?.name).toBe('(31)ペーパーレス化');
    const back = await readPlan(context);
    expect(back.plan.items).toHaveLength(31);
    expect(canonical(back.plan.items.slice(0, 30))).toEqual(canonical(sample.items));
    expect(back.plan.items[30]).toMatchObject({ no: 31, id: '1-2-31', title: 'ペーパーレス化', goal: form.goal, reform: form.reform });
    expect(formulaMismatches(book, layoutFor(back.plan, back.names)).slice(0, 10)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

/** Types random actuals (and evaluation texts) into every item sheet, as clerks would; returns what was typed. */
function typeRandomActuals(book: MockWorkbook, layout: WorkbookLayout, plan: Plan, seed: number) {
  const next = rng(seed);
  const typed: { item: string; kpi: number; year: string; value: string | number }[] = [];
  const texts: { item: string; year: string; value: string }[] = [];
  plan.items.forEach((item) => {
    const sheet = layout.sheets.find((s) => s.anchors?.itemId === item.id)!;
    const a = sheet.anchors!;
    const mock = book.sheet(sheet.name)!;
    item.kpis.forEach((kpi, k) => {
      for (const year of plan.plan.years) {
        const roll = next();
        if (roll < 0.2) continue; // left as it is
        let value: string | number;
        if (kpi.direction === 'qualitative') value = roll < 0.6 ? '達成' : '未達成';
        else if (roll < 0.25) value = '－';
        else if (roll < 0.3) value = `${Math.round(next() * 2000).toLocaleString('en-US')}件`; // text the check reports
        else value = Math.round(next() * 100000) / (roll < 0.6 ? 100 : 1);
        mock.cell(a.kpis[k].actualRow, a.yearCols[year]).input = value;
        typed.push({ item: item.id, kpi: kpi.no, year, value });
      }
    });
    for (const year of plan.plan.years) {
      if (next() < 0.5) continue;
      const value = `要因 ${item.id} ${year} ${Math.floor(next() * 1e6)}`;
      mock.cell(a.evaluationRows.factors, a.yearCols[year]).input = value;
      texts.push({ item: item.id, year, value });
    }
  });
  return { typed, texts };
}

describe('指標・年度の追加', () => {
  test('a KPI and a year added to sheets full of typed actuals: every value stays with its KPI and year, every formula is right', async () => {
    const { context, book } = await sampleWorkbook();
    const layout = buildWorkbookLayout(sample);
    const { typed, texts } = typeRandomActuals(book, layout, sample, 20261123);
    expect(typed.length).toBeGreaterThan(300);
    const order = book.sheets.map((s) => s.name);

    // The KPI goes to the active sheet's item.
    const target = layout.sheets.find((s) => s.anchors?.itemId === sample.items[6].id)!;
    book.activeSheet = book.sheet(target.name)!;
    const syncs = syncsOf(context);
    const kpiForm: KpiForm = { name: '新しい指標', unit: '件', direction: 'higher', kgi: 1, baseline: '5', targets: { R2: '10', R3: '20', R4: '30', R5: '40', R6: '50' } };
    const added = await addKpiToSheet(context, kpiForm);
    expect(syncs()).toBe(added.syncs);
    expect(added.syncs).toBeLessThanOrEqual(4); // 2 to read, 1–2 to write
    expect(added.sheets).toEqual(['一覧', target.name, '_hyoka']);
    expect(book.sheets.map((s) => s.name)).toEqual(order);
    expect(book.activeSheet?.name).toBe(target.name);

    const year = await addYearToPlan(context, 'R7');
    expect(syncs()).toBe(year.syncs);
    expect(year.syncs).toBeLessThanOrEqual(12); // 2 to read, ≤ 10 to rewrite all 30 item sheets
    expect(book.sheets.map((s) => s.name)).toEqual(order);

    const back = await readPlan(context);
    expect(back.plan.plan.years).toEqual(['R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    const lost: string[] = [];
    for (const t of typed) {
      const got = back.plan.items.find((it) => it.id === t.item)!.kpis.find((k) => k.no === t.kpi)!.actuals[t.year];
      if (got !== t.value) lost.push(`${t.item} KPI ${t.kpi} ${t.year}: typed ${JSON.stringify(t.value)}, read ${JSON.stringify(got)}`);
    }
    for (const t of texts) {
      const got = back.plan.items.find((it) => it.id === t.item)!.evaluations[t.year]?.factors;
      if (got !== t.value) lost.push(`${t.item} 要因分析 ${t.year}: ${JSON.stringify(got)}`);
    }
    expect(lost.slice(0, 10)).toEqual([]);
    // Nothing else changed: targets, names, the other items.
    const item = back.plan.items[6];
    expect(item.kpis.map((k) => k.name)).toEqual([...sample.items[6].kpis.map((k) => k.name), '新しい指標']);
    expect(item.kpis[item.kpis.length - 1]).toMatchObject({ no: sample.items[6].kpis.length + 1, unit: '件', direction: 'higher', kgi: 1, baseline: 5, targets: { R2: 10, R3: 20, R4: 30, R5: 40, R6: 50 } });
    back.plan.items.forEach((it, i) => it.kpis.slice(0, sample.items[i].kpis.length).forEach((k, j) => expect(k.targets).toEqual(sample.items[i].kpis[j].targets)));

    // Every formula (rates, helpers, 達成件数, 一覧) calculates to the engine's value for the plan read back.
    const mismatches = formulaMismatches(book, layoutFor(back.plan, back.names));
    expect(mismatches.slice(0, 10)).toEqual([]);
    // …and the rates shown are the engine's, at the cells the reader found them.
    const result = evaluatePlan(back.plan);
    back.plan.items.forEach((it, i) =>
      it.kpis.forEach((k, j) => {
        for (const y of back.plan.plan.years) {
          const loc = back.locations[it.id][k.no][y];
          const [, col, row] = /^([A-Z]+)(\d+)$/.exec(loc.rate)!;
          const shown = book.valueAt(loc.sheet, Number(row), col.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
          expect([it.id, k.no, y, shown]).toEqual([it.id, k.no, y, result.items[i].kpis[j].years[y].display ?? '']);
        }
      }),
    );
  });

  test('a sheet the clerk renamed keeps its name; 一覧 and the metadata follow it', async () => {
    const { context, book } = await sampleWorkbook();
    const layout = buildWorkbookLayout(sample);
    const sheet = book.sheet(layout.sheets[3].name)!;
    sheet.name = "総務課's sheet";
    book.activeSheet = sheet;
    const r = await addKpiToSheet(context, { name: '追加', unit: '件', direction: 'higher', targets: { R2: '3' } });
    expect(r.sheet).toBe("総務課's sheet");
    expect(book.sheets.map((s) => s.name)).toContain("総務課's sheet");
    const back = await readPlan(context);
    expect(back.names[2]).toBe("総務課's sheet");
    expect(back.meta?.items[2].sheet).toBe("総務課's sheet");
    expect(formulaMismatches(book, layoutFor(back.plan, back.names)).slice(0, 10)).toEqual([]);
    const overview = book.sheet('一覧')!;
    expect([...overview.cells.values()].some((c) => String(c.input).includes("'総務課''s sheet'!"))).toBe(true);
  });

  test('refused plainly: a KPI on a sheet that is not an item sheet, a year the plan has', async () => {
    const { context, book } = await sampleWorkbook();
    book.activeSheet = book.sheet('一覧')!;
    await expect(addKpiToSheet(context, { name: 'x', unit: '', direction: 'higher', targets: {} })).rejects.toMatchObject({ ja: expect.stringContaining('実施項目のシートではありません') });
    await expect(addYearToPlan(context, 'R3')).rejects.toMatchObject({ ja: expect.stringContaining('既に計画の年度') });
    await expect(addYearToPlan(context, '来年')).rejects.toMatchObject({ ja: expect.stringContaining('年度として読めません') });
    await expect(addKpiToSheet(createMockExcel(['Sheet1']).context, { name: 'x', unit: '', direction: 'higher', targets: {} })).rejects.toMatchObject({ ja: expect.stringContaining('_hyoka') });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('チェック', () => {
  test('finds a typed-over formula, a text actual, a missing actual and a count that disagrees; each selects its cell', async () => {
    const { context, book } = await sampleWorkbook();
    const layout = buildWorkbookLayout(sample);
    const clean = await checkWorkbook(context, 'all');
    expect(clean.problems.filter((p) => p.kind !== 'missingActual' && p.kind !== 'invalid')).toEqual([]);
    const baseline = new Set(clean.problems.map((p) => `${p.sheet}!${p.address}`));

    const sheet = layout.sheets.find((s) => s.anchors?.itemId === sample.items[0].id)!;
    const a = sheet.anchors!;
    const m = book.sheet(sheet.name)!;
    const col = (y: string) => a.yearCols[y];
    // (1) a rate typed over; (2) a text actual; (3) an actual cleared in a year others have; (4) a hidden flag typed over
    m.cell(a.kpis[0].rateRow, col('R2')).input = '100%';
    m.cell(a.kpis[1].actualRow, col('R3')).input = '1,266件';
    m.cell(a.kpis[2].actualRow, col('R4')).input = '';
    const helper = a.helperCols.R2;
    m.cell(a.kpis[2].actualRow, helper).input = 1; // says achieved: R2 22.6 against 33.6 is not

    const syncs = syncsOf(context);
    const all = await checkWorkbook(context, 'all');
    expect(syncs()).toBe(2);
    const found = all.problems.filter((p) => !baseline.has(`${p.sheet}!${p.address}`)).map((p) => [p.kind, p.address, p.year, p.kpi?.no]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['formula', a1(a.kpis[0].rateRow, col('R2')), 'R2', 1],
        ['invalid', a1(a.kpis[1].actualRow, col('R3')), 'R3', 2],
        ['missingActual', a1(a.kpis[2].actualRow, col('R4')), 'R4', 3],
        ['formula', a1(a.kpis[2].actualRow, helper), 'R2', 3],
        ['count', a1(a.countRow, col('R2')), 'R2', undefined],
      ]),
    );
    const text = all.problems.find((p) => p.kind === 'invalid' && p.address === a1(a.kpis[1].actualRow, col('R3')))!;
    expect(text.ja).toContain('「1,266件」は文字列です');
    expect(text.en).toContain('1266');

    // The active sheet alone: one sync, the same problems for that sheet.
    book.activeSheet = m;
    const one = await checkWorkbook(context, 'active');
    expect(syncs()).toBe(1);
    expect(one.problems).toEqual(all.problems.filter((p) => p.sheet === sheet.name));

    // Clicking a problem selects its cell.
    book.activeSheet = book.sheet('一覧')!;
    expect(await selectProblem(context, text)).toBe(1);
    expect(syncs()).toBe(1);
    expect(book.selection).toEqual({ sheet: sheet.name, address: text.address });
    expect(book.activeSheet?.name).toBe(sheet.name);
  });

  test('the active sheet must be an item sheet', async () => {
    const { context, book } = await sampleWorkbook();
    book.activeSheet = book.sheet('一覧')!;
    await expect(checkWorkbook(context, 'active')).rejects.toMatchObject({ en: expect.stringContaining('not an item sheet') });
  });
});

describe('一覧の更新 and 書き出し', () => {
  test('一覧 rebuilt from the item sheets (first in the workbook when it was deleted), in ≤ 3 syncs', async () => {
    const { context, book } = await sampleWorkbook();
    book.sheets.splice(book.sheets.findIndex((s) => s.name === '一覧'), 1);
    const syncs = syncsOf(context);
    const r = await refreshOverview(context);
    expect(syncs()).toBe(r.syncs);
    expect(r.syncs).toBeLessThanOrEqual(3);
    expect(book.sheets[0].name).toBe('一覧');
    expect(formulaMismatches(book, buildWorkbookLayout(sample), (s) => s.kind === 'overview')).toEqual([]);
  });

  test('the workbook as a plan JSON file', async () => {
    const { context } = await sampleWorkbook();
    const syncs = syncsOf(context);
    const r = await exportPlan(context);
    expect(syncs()).toBe(2);
    expect(r.fileName).toBe('gunma-2020.json');
    expect(canonical(JSON.parse(r.json))).toEqual(canonical(sample));
    expect(r.problems).toEqual([]);
  });
});
