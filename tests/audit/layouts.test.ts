// The auditor's recalculation on the other layouts: the DX 個別取組票 (seed 004), the Saitama 取組項目 (seed
// 000, with actuals filled where the plan sets a target), the Yamagata 取組状況 (seed 002) and an outline
// plan (seed 003, with one item on a Gunma sheet). Each bundled seed's workbook audits clean as hyoka writes
// it and — DX, Saitama, Yamagata — after LibreOffice recalculated it; a computed cell typed over, a stale
// cached value, text in a number cell, rows and columns inserted as Excel inserts them, and a heading the
// audit cannot follow are each reported exactly (kind, sheet, cell). Each scenario is audited once.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { loadPlanFile } from '../../src/cli/plan-file';
import { Plan, type Kpi } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { DX_ANCHORS } from '../../src/layout/dx-sheet';
import { EFFECT_CELLS, SLABELS } from '../../src/layout/saitama-sheet';
import { YAMAGATA_LABELS } from '../../src/layout/yamagata-sheet';
import type { CellSpec, SheetLayout, WorkbookLayout } from '../../src/layout/types';
import { a1, columnNumber } from '../../src/layout/a1';
import { parseTarget } from '../../src/rules/parse-target';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { auditWorkbook } from '../../src/audit/file';
import { exitCodeOf, type FileAudit, type FindingKind } from '../../src/audit/types';
import { REPO, rng } from '../support/plans';
import { syntheticPlan } from '../dx/support';
import { shiftSheet } from '../support/shift';

const seed = (name: string) => loadPlanFile(path.join(REPO, 'seeds', name));

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-audit-layouts-'));
});
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

interface Workbook {
  plan: Plan;
  layout: WorkbookLayout;
  generated: string;
  recalculated?: string;
}

async function lo(file: string): Promise<string> {
  const out = path.join(dir, `lo-${path.basename(file, '.xlsx')}`);
  await fs.mkdir(out, { recursive: true });
  return recalculate(file, out);
}

async function generate(plan: Plan, name: string, withLibreOffice: boolean, layout = buildWorkbookLayout(plan)): Promise<Workbook> {
  const generated = path.join(dir, `${name}.xlsx`);
  await fs.writeFile(generated, await writeWorkbookBuffer(layout));
  return { plan, layout, generated, ...(withLibreOffice ? { recalculated: await lo(generated) } : {}) };
}

/** A copy changed with exceljs, as a clerk would change it; then recalculated by LibreOffice when Excel would have. */
async function tamper(source: string, name: string, change: (wb: ExcelJS.Workbook) => void, recalc = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  change(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return recalc ? lo(file) : file;
}

function found(a: FileAudit): { kind: FindingKind; sheet: string | null; cell: string | null }[] {
  return a.problems.map((p) => ({ kind: p.kind, sheet: p.sheet, cell: p.cell }));
}

/** Every finding, readable when a test fails. */
function listed(a: FileAudit): string[] {
  return a.problems.map((p) => `${p.kind} ${p.sheet}!${p.cell} ${p.en}`);
}

function formulaOf(cell: ExcelJS.Cell): string {
  const f = cell.formula ?? (cell.value as { formula?: string }).formula;
  if (!f) throw new Error(`${cell.address} has no formula`);
  return f;
}

/** Keeps the formula, replaces its cached result (what a workbook saved without recalculating shows). */
function stale(ws: ExcelJS.Worksheet, address: string, result: string | number): void {
  const cell = ws.getCell(address);
  cell.value = { formula: formulaOf(cell), result } as ExcelJS.CellFormulaValue;
}

const items = (layout: WorkbookLayout) => layout.sheets.filter((s) => s.kind === 'item');
const cellAt = (s: SheetLayout, row: number, col: number): CellSpec | undefined => s.cells.find((c) => c.row === row && c.col === col && (c.formula !== undefined || c.value !== undefined));
const shows = (c: CellSpec | undefined) => c?.formula !== undefined && c.result !== '' && c.result !== null && c.result !== undefined;

// ---------------------------------------------------------------------------------------------------------------
// Rows and columns inserted as Excel inserts them: cells, merges and every formula reference move.


// ---------------------------------------------------------------------------------------------------------------

describe('DX 個別取組票 (seed 004)', () => {
  let wb: Workbook;
  beforeAll(async () => {
    wb = await generate(await seed('gunma-dx-2021.json'), 'dx', true);
  }, 180_000);

  /** A quarter's 進捗率 with a value, and the year's rate under its 目標値. */
  function progressCells() {
    for (const sheet of items(wb.layout)) {
      const dx = DX_ANCHORS.get(sheet)!;
      for (const k of dx.kpis) {
        const quarter = dx.years.R3.quarters[1];
        const target = dx.years.R3.target;
        if (shows(cellAt(sheet, k.progressRow, quarter)) && shows(cellAt(sheet, k.progressRow, target))) {
          return { sheet: sheet.name, quarter: a1(k.progressRow, quarter), rate: a1(k.progressRow, target), kpi: k.no, itemId: dx.itemId };
        }
      }
    }
    throw new Error('no evaluated quarter');
  }

  test('as generated and after LibreOffice: clean, exit 0', async () => {
    for (const file of [wb.generated, wb.recalculated!]) {
      const a = await auditWorkbook(file);
      expect(listed(a)).toEqual([]);
      expect(exitCodeOf([a])).toBe(0);
      expect(a.items).toHaveLength(13);
    }
  });

  test('the JSON names each year’s rate cell under its 目標値 and what it shows', async () => {
    const a = await auditWorkbook(wb.recalculated!);
    const c = progressCells();
    const item = a.items.find((it) => it.id === c.itemId)!;
    const year = item.kpis.find((k) => k.no === c.kpi)!.years.R3;
    expect(year).toMatchObject({ status: 'evaluated', cell: c.rate });
    expect(year.found).toBe(year.display);
    const counted = Object.values(item.counts).filter((n) => n.display !== null);
    expect(counted.length).toBeGreaterThan(0);
    for (const n of counted) expect(n.found).toBe(n.display);
  });

  test('a quarter’s 進捗率 typed over with 100%: formula-overwritten, exit 1', async () => {
    const c = progressCells();
    const file = await tamper(wb.recalculated!, 'dx-typed-over.xlsx', (w) => {
      w.getWorksheet(c.sheet)!.getCell(c.quarter).value = '100%';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: c.sheet, cell: c.quarter }]);
    expect(exitCodeOf([a])).toBe(1);
    expect(a.problems[0]).toMatchObject({ found: '100%', item: c.itemId, kpi: c.kpi, year: 'R3' });
    expect(a.problems[0].formula).toMatch(/^=/);
  });

  test('a stale cached rate under the 目標値: value-mismatch', async () => {
    const c = progressCells();
    const file = await tamper(wb.recalculated!, 'dx-stale.xlsx', (w) => stale(w.getWorksheet(c.sheet)!, c.rate, '1%'));
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'value-mismatch', sheet: c.sheet, cell: c.rate }]);
    expect(a.problems[0].found).toBe('1%');
    const item = a.items.find((it) => it.id === c.itemId)!;
    expect(item.kpis.find((k) => k.no === c.kpi)!.years.R3.problems).toEqual([a.problems[0]]);
  });

  test('text in a quarter cell (recalculated as Excel would): text-in-number-cell, nothing downstream', async () => {
    const sheet = items(wb.layout)[0];
    const dx = DX_ANCHORS.get(sheet)!;
    const k = dx.kpis[0];
    const cell = a1(k.actualRow, dx.years.R4.quarters[1]);
    const file = await tamper(wb.recalculated!, 'dx-text.xlsx', (w) => {
      w.getWorksheet(sheet.name)!.getCell(cell).value = '未集計';
    }, true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'text-in-number-cell', sheet: sheet.name, cell }]);
    expect(a.problems[0]).toMatchObject({ found: '未集計', kpi: k.no, year: 'R4' });
  });

  test('rows inserted inside an indicator block and above the progress table, a column inside a year: clean after LibreOffice', async () => {
    const sheets = items(wb.layout);
    const first = sheets[0];
    const third = sheets[2];
    const dx1 = DX_ANCHORS.get(first)!;
    const dx3 = DX_ANCHORS.get(third)!;
    const k2 = dx1.kpis[1];
    const shifted: WorkbookLayout = {
      ...wb.layout,
      sheets: wb.layout.sheets.map((s) => {
        if (s === first) return shiftSheet(shiftSheet(s, 'row', k2.progressRow, 2), 'col', dx1.years.R3.quarters[1], 1);
        if (s === third) return shiftSheet(s, 'row', dx3.progressHeaderRow - 1, 3);
        return s;
      }),
    };
    const moved = await generate(wb.plan, 'dx-shifted', true, shifted);
    const a = await auditWorkbook(moved.recalculated!);
    expect(listed(a)).toEqual([]);
    // The cells are where the audit says they are.
    const r4 = a.items[0].kpis[1].years.R4;
    expect(r4.cell).toBe(a1(k2.progressRow + 2, dx1.years.R4.target + 1));
    expect(r4.found).toBe(r4.display);
    expect(a.items[2].counts.R3.cell).toBe(a1(dx3.countRow + 3, dx3.years.R3.quarters[0]));
  });

  test('a hidden helper’s heading cleared: one structure-changed for the sheet, not a finding per cell', async () => {
    const sheet = items(wb.layout)[0];
    const header = sheet.cells.find((c) => c.value === '目標・判定 R3 Q1')!;
    const file = await tamper(wb.recalculated!, 'dx-structure.xlsx', (w) => {
      w.getWorksheet(sheet.name)!.getCell(header.row, header.col).value = null;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'structure-changed', sheet: sheet.name, cell: null }]);
    expect(a.problems[0].ja).toContain('目標・判定 R3 Q1');
    expect(a.items[0].problems).toEqual([a.problems[0]]);
  });
});

describe('DX: a cleared indicator block, a typed-over 前年度以上, an edited formula, a miss cached as 100%', () => {
  let wb: Workbook;
  beforeAll(async () => {
    wb = await generate(syntheticPlan(), 'dx-synthetic', false);
  });

  test('each reported exactly (the text 未集計 the plan itself has in a quarter too)', async () => {
    const sheet = items(wb.layout)[0];
    const dx = DX_ANCHORS.get(sheet)!;
    const [k1, , k3, k4] = dx.kpis;
    const relative = a1(k3.actualRow, dx.years.R3.target);
    const edited = a1(k1.progressRow, dx.years.R3.target);
    // A year the engine judges missed: its hidden flag is 0.
    const missed = dx.kpis.flatMap((k) => ['R3', 'R4'].map((y) => ({ k, y }))).find(({ k, y }) => k !== k1 && k !== k4 && cellAt(sheet, k.progressRow, k.yearHelpers[y]?.[1] ?? 0)?.result === 0)!;
    const missedCell = a1(missed.k.progressRow, dx.years[missed.y].target);
    const text = a1(dx.kpis[4].actualRow, dx.years.R3.quarters[2]);
    const file = await tamper(wb.generated, 'dx-synthetic-tampered.xlsx', (w) => {
      const ws = w.getWorksheet(sheet.name)!;
      ws.getCell(relative).value = 45;
      const cell = ws.getCell(edited);
      cell.value = { formula: formulaOf(cell).replace('ROUND(', 'ROUNDDOWN('), result: (cell.value as ExcelJS.CellFormulaValue).result } as ExcelJS.CellFormulaValue;
      stale(ws, missedCell, '100%');
      for (const r of [k4.actualRow, k4.progressRow]) for (let c = 1; c <= ws.columnCount; c++) ws.getRow(r).getCell(c).value = null;
    });
    const a = await auditWorkbook(file);
    const at = (cell: string) => [Number(cell.replace(/^[A-Z]+/, '')), columnNumber(cell.replace(/\d+$/, ''))];
    const expected: { kind: FindingKind; sheet: string; cell: string }[] = [
      { kind: 'formula-changed', sheet: sheet.name, cell: edited },
      { kind: 'miss-shown-as-100', sheet: sheet.name, cell: missedCell },
      { kind: 'formula-overwritten', sheet: sheet.name, cell: relative },
      { kind: 'kpi-missing', sheet: sheet.name, cell: a1(k4.actualRow, 1) },
      { kind: 'text-in-number-cell', sheet: sheet.name, cell: text },
    ];
    expected.sort((x, y) => at(x.cell)[0] - at(y.cell)[0] || at(x.cell)[1] - at(y.cell)[1]);
    expect(found(a)).toEqual(expected);
    expect(a.problems.find((p) => p.kind === 'formula-overwritten')).toMatchObject({ found: 45, kpi: 3, year: 'R3' });
    expect(a.problems.find((p) => p.kind === 'kpi-missing')).toMatchObject({ kpi: 4 });
    expect(a.items[0].kpis.map((k) => k.no)).toEqual([1, 2, 3, 5]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** Actuals for R2 and R3 where the plan sets a target: numbers near it (some misses), 達成/未達成 for statements. */
function fillTargeted(plan: Plan, seedNo: number): Plan {
  const next = rng(seedNo);
  const copy: Plan = JSON.parse(JSON.stringify(plan));
  for (const item of copy.items) {
    for (const kpi of item.kpis) {
      for (const y of ['R2', 'R3']) {
        if (kpi.actuals[y] !== undefined || kpi.deleted) continue;
        const spec = parseTarget(kpi.targets[y] ?? null, kpi.direction, kpi.strict);
        if (kpi.direction === 'qualitative') {
          if (spec.kind === 'text' || spec.kind === 'number') kpi.actuals[y] = next() < 0.6 ? '達成' : '未達成';
        } else if (spec.kind === 'number') {
          kpi.actuals[y] = Math.round(spec.value * (0.7 + next() * 0.6) * 10) / 10;
        }
      }
    }
  }
  return copy;
}

describe('Saitama 取組項目 (seed 000, 62 sheets, actuals filled)', () => {
  let wb: Workbook;
  beforeAll(async () => {
    wb = await generate(fillTargeted(await seed('saitama-2020.json'), 7), 'saitama', true);
  }, 180_000);

  /** A KPI-year with a rate shown, its target a number, on a sheet that also has live 期待される効果. */
  function rated(skip = 0) {
    let n = 0;
    for (const sheet of items(wb.layout)) {
      const an = sheet.anchors!;
      for (const k of an.kpis) {
        for (const y of ['R2', 'R3']) {
          const rate = cellAt(sheet, k.rateRow, an.yearCols[y]);
          const target = cellAt(sheet, k.targetRow, an.yearCols[y]);
          if (shows(rate) && typeof target?.value === 'number' && n++ === skip) {
            return { sheet: sheet.name, index: items(wb.layout).indexOf(sheet), kpi: k.no, year: y, rate: a1(k.rateRow, an.yearCols[y]), target: a1(k.targetRow, an.yearCols[y]), targetValue: target.value, count: a1(an.countRow, an.yearCols[y]) };
          }
        }
      }
    }
    throw new Error('no rate shown');
  }

  test('as generated and after LibreOffice: clean, exit 0', async () => {
    for (const file of [wb.generated, wb.recalculated!]) {
      const a = await auditWorkbook(file);
      expect(listed(a)).toEqual([]);
      expect(exitCodeOf([a])).toBe(0);
      expect(a.items).toHaveLength(62);
    }
    const evaluated = wb.layout.sheets.flatMap((s) => s.anchors?.kpis ?? []).length;
    expect(evaluated).toBeGreaterThan(100);
  });

  test('a rate typed over: formula-overwritten at that cell, exit 1', async () => {
    const c = rated();
    const file = await tamper(wb.recalculated!, 'saitama-typed-over.xlsx', (w) => {
      w.getWorksheet(c.sheet)!.getCell(c.rate).value = 0.95;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: c.sheet, cell: c.rate }]);
    expect(exitCodeOf([a])).toBe(1);
    const year = a.items[c.index].kpis.find((k) => k.no === c.kpi)!.years[c.year];
    expect(year).toMatchObject({ cell: c.rate, found: 0.95 });
    expect(year.problems).toEqual([a.problems[0]]);
  });

  test('a stale 達成件数 and a stale 期待される効果 (formulas intact): value-mismatch at each', async () => {
    const c = rated();
    const effectSheet = items(wb.layout).find((s) => (EFFECT_CELLS.get(s) ?? []).length > 0)!;
    const effect = EFFECT_CELLS.get(effectSheet)![0];
    const effectCell = a1(effect.row, effect.col);
    const file = await tamper(wb.recalculated!, 'saitama-stale.xlsx', (w) => {
      stale(w.getWorksheet(c.sheet)!, c.count, '9 / 9');
      stale(w.getWorksheet(effectSheet.name)!, effectCell, 123456);
    });
    const a = await auditWorkbook(file);
    const expected = [
      { kind: 'value-mismatch', sheet: c.sheet, cell: c.count },
      { kind: 'value-mismatch', sheet: effectSheet.name, cell: effectCell },
    ];
    const order = items(wb.layout).findIndex((s) => s.name === c.sheet) <= items(wb.layout).indexOf(effectSheet) ? expected : expected.reverse();
    expect(found(a)).toEqual(order);
    expect(a.items[c.index].counts[c.year].problems.map((p) => p.kind)).toEqual(['value-mismatch']);
  });

  test('a target typed as text and an actual in another unit (recalculated): one input finding each, nothing downstream', async () => {
    const c = rated();
    const d = rated(5);
    const sheet = wb.layout.sheets.find((s) => s.name === d.sheet)!;
    const kpi = wb.plan.items[d.index].kpis.find((k) => k.no === d.kpi)!;
    const actual = a1(sheet.anchors!.kpis.find((k) => k.no === d.kpi)!.actualRow, sheet.anchors!.yearCols[d.year]);
    const otherUnit = kpi.unit === '回' ? '件' : '回';
    const file = await tamper(wb.recalculated!, 'saitama-inputs.xlsx', (w) => {
      w.getWorksheet(c.sheet)!.getCell(c.target).value = `${c.targetValue}${wb.plan.items[c.index].kpis.find((k) => k.no === c.kpi)!.unit}`;
      w.getWorksheet(d.sheet)!.getCell(actual).value = `12${otherUnit}`;
    }, true);
    const a = await auditWorkbook(file);
    // Both on the first sheet (the fill is seeded): the target above, the actual below.
    expect(found(a)).toEqual([
      { kind: 'text-in-number-cell', sheet: c.sheet, cell: c.target },
      { kind: kpi.unit ? 'unit-mismatch' : 'text-in-number-cell', sheet: d.sheet, cell: actual },
    ]);
    expect(a.problems[0]).toMatchObject({ expected: c.targetValue, kpi: c.kpi, year: c.year });
    expect(a.problems[1]).toMatchObject({ expected: 12, found: `12${otherUnit}` });
  });

  test('rows inserted inside an indicator block, a column between two years: clean', async () => {
    const first = items(wb.layout)[0];
    const an = first.anchors!;
    const k1 = an.kpis[0];
    const shifted: WorkbookLayout = {
      ...wb.layout,
      sheets: wb.layout.sheets.map((s) => (s === first ? shiftSheet(shiftSheet(s, 'row', k1.rateRow, 1), 'col', an.yearCols.R3, 1) : s)),
    };
    const moved = await generate(wb.plan, 'saitama-shifted', false, shifted);
    const a = await auditWorkbook(moved.generated);
    expect(listed(a)).toEqual([]);
    expect(a.items[0].kpis[0].years.R3.cell).toBe(a1(k1.rateRow + 1, an.yearCols.R3 + 1));
    expect(a.items[0].counts.R4.cell).toBe(a1(an.countRow + 1, an.yearCols.R4 + 1));
  });

  test('the 達成件数 label retyped: one structure-changed for that sheet', async () => {
    const first = items(wb.layout)[0];
    const file = await tamper(wb.generated, 'saitama-structure.xlsx', (w) => {
      w.getWorksheet(first.name)!.getCell(first.anchors!.countRow, 1).value = '達成数';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'structure-changed', sheet: first.name, cell: null }]);
    expect(a.problems[0].ja).toContain(SLABELS.count);
    expect(a.items[0].counts.R2.cell).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('Yamagata 取組状況 (seed 002)', () => {
  let wb: Workbook;
  beforeAll(async () => {
    wb = await generate(await seed('yamagata-2021.json'), 'yamagata', true);
  }, 180_000);

  /** An indicator's row and the columns of the 【主な目標指標】 table, from the generated sheet. */
  function table(skip = 0) {
    for (const sheet of items(wb.layout)) {
      const header = sheet.cells.find((c) => c.value === YAMAGATA_LABELS.name);
      if (!header) continue;
      const col = (label: string) => sheet.cells.find((c) => c.row === header.row && c.value === label)!.col;
      const helper = (name: string) => sheet.cells.find((c) => c.row === header.row && c.value === `hyoka:${name}`)!.col;
      const rows = sheet.cells.filter((c) => c.col === 1 && c.row > header.row + 1 && typeof c.value === 'string' && /^[①-⑳]$/.test(c.value)).map((c) => c.row);
      for (const row of rows) {
        if (!shows(cellAt(sheet, row, col(YAMAGATA_LABELS.progress))) || skip-- > 0) continue;
        const index = items(wb.layout).indexOf(sheet);
        const yearRow = header.row + 1;
        const yearCol = (y: string) => sheet.cells.find((c) => c.row === yearRow && c.value === y)!.col;
        return { sheet: sheet.name, index, row, progress: a1(row, col(YAMAGATA_LABELS.progress)), pace: a1(row, helper('pace')), actual: (y: string) => a1(row, yearCol(y)) };
      }
    }
    throw new Error('no progress shown');
  }

  test('as generated and after LibreOffice: clean, exit 0; each indicator’s progress in the JSON', async () => {
    for (const file of [wb.generated, wb.recalculated!]) {
      const a = await auditWorkbook(file);
      expect(listed(a)).toEqual([]);
      expect(exitCodeOf([a])).toBe(0);
      expect(a.items).toHaveLength(17);
    }
    const a = await auditWorkbook(wb.recalculated!);
    const t = table();
    const progress = a.items[t.index].kpis[0].progress!;
    expect(progress).toMatchObject({ status: 'evaluated', cell: t.progress });
    expect(progress.found).toBe(progress.display);
  });

  test('the 進捗率 typed over: formula-overwritten, listed under the indicator’s progress, exit 1', async () => {
    const t = table();
    const file = await tamper(wb.recalculated!, 'yamagata-typed-over.xlsx', (w) => {
      w.getWorksheet(t.sheet)!.getCell(t.progress).value = '100%';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: t.sheet, cell: t.progress }]);
    expect(exitCodeOf([a])).toBe(1);
    expect(a.items[t.index].kpis[0].progress!.problems).toEqual([a.problems[0]]);
  });

  test('a stale hidden helper (ペース比): value-mismatch', async () => {
    const t = table();
    const file = await tamper(wb.recalculated!, 'yamagata-stale.xlsx', (w) => stale(w.getWorksheet(t.sheet)!, t.pace, 42));
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'value-mismatch', sheet: t.sheet, cell: t.pace }]);
    expect(a.problems[0].found).toBe(42);
  });

  test('text in an actual cell (not recalculated): text-in-number-cell only', async () => {
    const t = table();
    const file = await tamper(wb.generated, 'yamagata-text.xlsx', (w) => {
      w.getWorksheet(t.sheet)!.getCell(t.actual('R5')).value = 'abc';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'text-in-number-cell', sheet: t.sheet, cell: t.actual('R5') }]);
    expect(a.problems[0].year).toBe('R5');
  });

  test('a row above the table and a column between two years: clean', async () => {
    const t = table();
    const sheet = items(wb.layout)[t.index];
    const yearCol = Number(columnNumber(t.actual('R4').replace(/\d+$/, '')));
    const shifted: WorkbookLayout = {
      ...wb.layout,
      sheets: wb.layout.sheets.map((s) => (s === sheet ? shiftSheet(shiftSheet(s, 'row', 3, 2), 'col', yearCol, 1) : s)),
    };
    const moved = await generate(wb.plan, 'yamagata-shifted', false, shifted);
    const a = await auditWorkbook(moved.generated);
    expect(listed(a)).toEqual([]);
    const progressCol = columnNumber(t.progress.replace(/\d+$/, ''));
    expect(a.items[t.index].kpis[0].progress!.cell).toBe(a1(t.row + 2, progressCol + 1));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('outline plan (seed 003): Gunma sheets for its items', () => {
  let empty: Workbook;
  let wb: Workbook;
  beforeAll(async () => {
    const plan = await seed('gunma-2025-outline.json');
    empty = await generate(plan, 'outline-empty', false);
    const kpi: Partial<Kpi> = { no: 1, name: 'DX研修を受けた市町村職員数', unit: '人', direction: 'higher', baseline: 120, targets: { R7: 200, R8: 300 }, actuals: { R7: 215, R8: 290 } };
    const withItem = Plan.parse({
      ...plan,
      items: [{ id: '1-3-1', goal: { no: 1, name: plan.goals![0].name }, reform: { no: 3, name: plan.goals![0].policies[2].name }, no: 1, title: '市町村のDX人材育成の支援', leadDept: 'デジタルトランスフォーメーション課', kpis: [kpi] }],
    });
    wb = await generate(withItem, 'outline', true);
  }, 180_000);

  test('the seed (no items yet), and a plan with an item as generated and after LibreOffice: clean', async () => {
    const a0 = await auditWorkbook(empty.generated);
    expect(listed(a0)).toEqual([]);
    expect(a0.items).toEqual([]);
    expect(exitCodeOf([a0])).toBe(0);
    for (const file of [wb.generated, wb.recalculated!]) {
      const a = await auditWorkbook(file);
      expect(listed(a)).toEqual([]);
      expect(a.items[0].kpis[0].years.R8).toMatchObject({ display: '97%', achieved: false, found: '97%' });
    }
  });

  test('a rate typed over and a stale 達成件数: formula-overwritten and value-mismatch, exit 1', async () => {
    const sheet = items(wb.layout)[0];
    const an = sheet.anchors!;
    const rate = a1(an.kpis[0].rateRow, an.yearCols.R8);
    const count = a1(an.countRow, an.yearCols.R7);
    const file = await tamper(wb.recalculated!, 'outline-tampered.xlsx', (w) => {
      const ws = w.getWorksheet(sheet.name)!;
      ws.getCell(rate).value = '100%';
      stale(ws, count, '0 / 1');
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([
      { kind: 'formula-overwritten', sheet: sheet.name, cell: rate },
      { kind: 'value-mismatch', sheet: sheet.name, cell: count },
    ]);
    expect(exitCodeOf([a])).toBe(1);
  });
});
