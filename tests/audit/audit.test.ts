// The auditor's recalculation on real files: the bundled plan's workbook as hyoka writes it and as
// LibreOffice recalculates it audits clean; each tampered copy reports exactly its tampering (kind,
// sheet, cell). Tampering that Excel would follow with a recalculation (typing an input, clearing rows)
// is followed by a LibreOffice recalculation, so stale caches do not hide or add anything.
import { promises as fs } from 'fs';
import type ExcelJS from 'exceljs';
import { auditWorkbook } from '../../src/audit/file';
import type { FileAudit, FindingKind } from '../../src/audit/types';
import { cells, clearRows, makeFixture, tamper, withWholeColumnValidation, type Fixture } from './support';
import { openWorkbook } from '../../src/xlsx/safe-load';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
}, 180_000);
afterAll(async () => {
  if (fx) await fs.rm(fx.dir, { recursive: true, force: true });
});

function found(a: FileAudit): { kind: FindingKind; sheet: string | null; cell: string | null }[] {
  return a.problems.map((p) => ({ kind: p.kind, sheet: p.sheet, cell: p.cell }));
}

function formulaOf(cell: ExcelJS.Cell): string {
  const f = cell.formula ?? (cell.value as { formula?: string }).formula;
  if (!f) throw new Error(`${cell.address} has no formula`);
  return f;
}

describe('clean workbooks audit clean', () => {
  test('as hyoka generates it (cached results from the engine)', async () => {
    const a = await auditWorkbook(fx.generated);
    expect(found(a)).toEqual([]);
    expect(a.status).toBe('clean');
    expect(a.items).toHaveLength(30);
  });

  test('after LibreOffice recalculated and saved it', async () => {
    const a = await auditWorkbook(fx.recalculated);
    expect(found(a)).toEqual([]);
    expect(a.status).toBe('clean');
  });

  test('after an exceljs round trip without changes (the control for every tampered copy)', async () => {
    const file = await tamper(fx, fx.recalculated, 'roundtrip.xlsx', () => undefined);
    expect(found(await auditWorkbook(file))).toEqual([]);
  });

  test('a renamed and moved sheet', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'renamed.xlsx', (wb) => {
      const ws = wb.getWorksheet(c.name)!;
      ws.name = '電子申請（改名）';
      (ws as unknown as { orderNo: number }).orderNo = 99;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([]);
    expect(a.items[0].sheet).toBe('電子申請（改名）');
  });

  test('a whole-column data-validation rule is stripped before exceljs sees it', async () => {
    const file = await withWholeColumnValidation(fx, 'validation.xlsx');
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([]);
    // Stripped, not expanded: the loaded sheets carry no validation entries at all.
    const wb = await openWorkbook(file);
    for (const ws of wb.worksheets) expect(Object.keys((ws as unknown as { dataValidations: { model: object } }).dataValidations.model)).toHaveLength(0);
  });
});

describe('each tampering is reported exactly', () => {
  test('a rate formula typed over with the text 100% (a miss: 59%)', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'typed-over.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.rate(1, 'R2')).value = '100%';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: c.name, cell: c.rate(1, 'R2') }]);
    const p = a.problems[0];
    expect(p).toMatchObject({ expected: '59%', found: '100%', item: '1-1-1', kpi: 1, year: 'R2' });
    expect(p.formula).toMatch(/^=IF\(AND\(ISNUMBER\(G12\),ISNUMBER\(G14\)\)/);
    expect(p.ja).toContain('100%');
    expect(p.en).toContain('missed');
    // Listed under its KPI-year too.
    expect(a.items[0].kpis[0].years.R2.problems).toEqual([p]);
    expect(a.items[0].kpis[0].years.R2).toMatchObject({ display: '59%', achieved: false, cell: c.rate(1, 'R2'), found: '100%' });
  });

  test('a 達成件数 formula replaced by the constant 3 / 3', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'count-constant.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.count('R2')).value = '3 / 3';
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: c.name, cell: c.count('R2') }]);
    expect(a.problems[0]).toMatchObject({ expected: '1 / 3', found: '3 / 3' });
    expect(a.items[0].counts.R2.problems).toHaveLength(1);
  });

  test('a 達成件数 whose cached result says 3 / 3 (formula intact)', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'count-cached.xlsx', (wb) => {
      const cell = wb.getWorksheet(c.name)!.getCell(c.count('R2'));
      cell.value = { formula: formulaOf(cell), result: '3 / 3' } as ExcelJS.CellFormulaValue;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'value-mismatch', sheet: c.name, cell: c.count('R2') }]);
    expect(a.problems[0]).toMatchObject({ expected: '1 / 3', found: '3 / 3' });
  });

  test('text in a number cell: the actual 1,266件 (the KPI counts 件)', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'text-actual.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.actual(2, 'R4')).value = '1,266件';
    }, true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'text-in-number-cell', sheet: c.name, cell: c.actual(2, 'R4') }]);
    expect(a.problems[0]).toMatchObject({ expected: 1266, found: '1,266件' });
    expect(a.problems[0].ja).toContain('「1,266件」');
  });

  test('a unit differing from the KPI’s: 1,266件 where the KPI counts 回', async () => {
    const c = cells(fx, 2);
    const file = await tamper(fx, fx.recalculated, 'unit.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.actual(2, 'R2')).value = '1,266件';
    }, true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'unit-mismatch', sheet: c.name, cell: c.actual(2, 'R2') }]);
    expect(a.problems[0].ja).toContain('「回」');
  });

  test('a KPI row block deleted (its rows cleared)', async () => {
    const c = cells(fx, 3);
    const file = await tamper(fx, fx.recalculated, 'deleted-kpi.xlsx', (wb) => clearRows(wb.getWorksheet(c.name)!, c.rows(2)), true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'kpi-missing', sheet: c.name, cell: `A${c.rows(2)[0]}` }]);
    expect(a.problems[0].kpi).toBe(2);
    expect(a.items[3].kpis.map((k) => k.no)).toEqual([1, 3, 4]);
  });

  test('a rate formula edited to point at another year’s target', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'formula-changed.xlsx', (wb) => {
      const cell = wb.getWorksheet(c.name)!.getCell(c.rate(1, 'R3'));
      cell.value = { formula: formulaOf(cell).split(c.target(1, 'R3')).join(c.target(1, 'R2')), result: (cell.value as ExcelJS.CellFormulaValue).result } as ExcelJS.CellFormulaValue;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-changed', sheet: c.name, cell: c.rate(1, 'R3') }]);
    expect(String(a.problems[0].found)).toContain(c.target(1, 'R2'));
    expect(String(a.problems[0].expected)).toContain(c.target(1, 'R3'));
  });

  test('a miss whose cached rate reads 100% (formula intact)', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'miss-100.xlsx', (wb) => {
      const cell = wb.getWorksheet(c.name)!.getCell(c.rate(1, 'R3'));
      cell.value = { formula: formulaOf(cell), result: '100%' } as ExcelJS.CellFormulaValue;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'miss-shown-as-100', sheet: c.name, cell: c.rate(1, 'R3') }]);
    expect(a.problems[0]).toMatchObject({ expected: '88%', found: '100%' });
  });

  test('a stale hidden helper (the unrounded rate)', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'stale-helper.xlsx', (wb) => {
      const cell = wb.getWorksheet(c.name)!.getCell(c.percent(1, 'R2'));
      cell.value = { formula: formulaOf(cell), result: 12.5 } as ExcelJS.CellFormulaValue;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'value-mismatch', sheet: c.name, cell: c.percent(1, 'R2') }]);
    expect(a.problems[0].found).toBe(12.5);
    expect(a.problems[0].expected).toBeCloseTo(58.865, 2);
  });

  test('an actual without a target', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'no-target.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.target(1, 'R2')).value = null;
    }, true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'actual-without-target', sheet: c.name, cell: c.target(1, 'R2') }]);
  });

  test('a target moved below the baseline of a higher-is-better KPI', async () => {
    const c = cells(fx, 0);
    const file = await tamper(fx, fx.recalculated, 'below-baseline.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.target(2, 'R5')).value = 200; // baseline 235
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'target-below-baseline', sheet: c.name, cell: c.target(2, 'R5') }]);
    expect(a.problems[0]).toMatchObject({ found: 200, expected: '≥ 235' });
  });

  test('a relative target (前年度以上) that cannot resolve: the previous actual typed as text', async () => {
    const c = cells(fx, 24);
    const file = await tamper(fx, fx.recalculated, 'relative.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.actual(1, 'R2')).value = '98.47%';
    }, true);
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([
      { kind: 'text-in-number-cell', sheet: c.name, cell: c.actual(1, 'R2') },
      { kind: 'relative-target-unresolved', sheet: c.name, cell: c.target(1, 'R3') },
    ]);
  });

  test('a relative target’s formula typed over with its own value', async () => {
    const c = cells(fx, 24);
    const file = await tamper(fx, fx.recalculated, 'relative-typed.xlsx', (wb) => {
      wb.getWorksheet(c.name)!.getCell(c.target(1, 'R3')).value = 98.47;
    });
    const a = await auditWorkbook(file);
    expect(found(a)).toEqual([{ kind: 'formula-overwritten', sheet: c.name, cell: c.target(1, 'R3') }]);
  });
});

describe('the JSON shape of one KPI-year and one count', () => {
  test('files[].items[].kpis[].years[Rn] and counts[Rn]', async () => {
    const a = await auditWorkbook(fx.recalculated);
    const c = cells(fx, 0);
    const y = a.items[0].kpis[0].years.R2;
    expect(y).toEqual({ status: 'evaluated', target: 14.1, actual: 8.3, rate: expect.closeTo(58.8652, 3), display: '59%', achieved: false, cell: c.rate(1, 'R2'), found: '59%', problems: [], targetCell: c.target(1, 'R2'), actualCell: c.actual(1, 'R2') });
    expect(a.items[0].counts.R2).toEqual({ achieved: 1, evaluated: 3, display: '1 / 3', cell: c.count('R2'), found: '1 / 3', problems: [] });
    expect(a.items[0].counts.R5).toMatchObject({ display: null, found: null });
  });
});
