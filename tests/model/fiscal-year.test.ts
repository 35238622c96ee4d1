import fc from 'fast-check';
import {
  compareFiscalYears,
  fiscalYearFromNumber,
  fiscalYearNumber,
  fiscalYearRange,
  formatFiscalYearLabel,
  isCanonicalFiscalYear,
  nextFiscalYear,
  parseFiscalYear,
  previousFiscalYear,
  quarterMonths,
} from '../../src/model/fiscal-year';

describe('parseFiscalYear', () => {
  test.each<[string | number, string]>([
    ['R1', 'R1'],
    ['R元', 'R1'],
    ['Ｒ元', 'R1'],
    ['R元年度', 'R1'],
    ['令和元年度', 'R1'],
    ['令和元', 'R1'],
    ['【基準年】R元'.slice(5), 'R1'],
    ['R2', 'R2'],
    ['Ｒ２', 'R2'],
    ['Ｒ２年度', 'R2'],
    ['R2年度', 'R2'],
    ['令和2年度', 'R2'],
    ['令和２年度', 'R2'],
    ['令和3年度', 'R3'],
    [' R6 ', 'R6'],
    ['R02', 'R2'],
    ['r7', 'R7'],
    ['R 2 年度', 'R2'],
    ['H30', 'H30'],
    ['Ｈ30 年度', 'H30'],
    ['平成30年度', 'H30'],
    ['平成元年度', 'H1'],
    ['H31', 'R1'], // FY2019 started in 平成31, the sheets call it R元
    ['平成31年度', 'R1'],
    ['2020', 'R2'],
    ['2020年度', 'R2'],
    ['２０２０年度', 'R2'],
    ['FY2020', 'R2'],
    ['2019', 'R1'],
    ['2018', 'H30'],
    ['2025年度', 'R7'],
    [2020, 'R2'],
    [2019, 'R1'],
    [2018, 'H30'],
    [1989, 'H1'],
  ])('%j → %s', (input, expected) => {
    expect(parseFiscalYear(input)).toBe(expected);
  });

  test.each<[string | number]>([
    [''],
    ['R'],
    ['R0'],
    ['R100'],
    ['H0'],
    ['H32'],
    ['S63'],
    ['R2年'], // a calendar year, not a fiscal year
    ['Ｒ２年３月'],
    ['Ｒ２～４年度'],
    ['R3~R6年度累計'],
    ['Ｒ２年度～'],
    ['令和二年度'],
    ['20'],
    ['1988'],
    ['2500'],
    ['R2.4'],
    ['前年度'],
    [2020.5],
    [2],
    [NaN],
  ])('%j → null', (input) => {
    expect(parseFiscalYear(input)).toBeNull();
  });
});

describe('numbers and labels', () => {
  test.each([
    ['R2', 2020],
    ['R1', 2019],
    ['R元', 2019],
    ['R6', 2024],
    ['R7', 2025],
    ['H30', 2018],
    ['H1', 1989],
  ])('fiscalYearNumber(%s) = %d', (fy, n) => {
    expect(fiscalYearNumber(fy)).toBe(n);
  });

  test.each([
    [2020, 'R2'],
    [2019, 'R1'],
    [2018, 'H30'],
    [2024, 'R6'],
    [1989, 'H1'],
  ])('fiscalYearFromNumber(%d) = %s', (n, fy) => {
    expect(fiscalYearFromNumber(n)).toBe(fy);
  });

  test('invalid years throw with a bilingual message naming the input', () => {
    expect(() => fiscalYearNumber('X9')).toThrow(/「X9」.*"X9"/);
    expect(() => fiscalYearFromNumber(1988)).toThrow(RangeError);
    expect(() => fiscalYearFromNumber(2020.5)).toThrow(RangeError);
    expect(() => formatFiscalYearLabel('R2年')).toThrow(RangeError);
  });

  test('formatFiscalYearLabel prints R元 for R1', () => {
    expect(formatFiscalYearLabel('R1')).toBe('R元');
    expect(formatFiscalYearLabel('令和元年度')).toBe('R元');
    expect(formatFiscalYearLabel('R2')).toBe('R2');
    expect(formatFiscalYearLabel('Ｒ２年度')).toBe('R2');
    expect(formatFiscalYearLabel('H30')).toBe('H30');
  });

  test('isCanonicalFiscalYear', () => {
    expect(isCanonicalFiscalYear('R2')).toBe(true);
    expect(isCanonicalFiscalYear('H30')).toBe(true);
    expect(isCanonicalFiscalYear('R元')).toBe(false);
    expect(isCanonicalFiscalYear('H31')).toBe(false);
    expect(isCanonicalFiscalYear('R02')).toBe(false);
  });
});

describe('ranges and order', () => {
  test('fiscalYearRange', () => {
    expect(fiscalYearRange('R2', 'R6')).toEqual(['R2', 'R3', 'R4', 'R5', 'R6']);
    expect(fiscalYearRange('H30', 'R2')).toEqual(['H30', 'R1', 'R2']);
    expect(fiscalYearRange('R元', 'R元')).toEqual(['R1']);
    expect(fiscalYearRange('2025年度', '2029年度')).toEqual(['R7', 'R8', 'R9', 'R10', 'R11']);
    expect(fiscalYearRange('R3', 'R2')).toEqual([]);
  });

  test('compareFiscalYears', () => {
    expect(compareFiscalYears('R2', 'R10')).toBeLessThan(0);
    expect(compareFiscalYears('R10', 'R2')).toBeGreaterThan(0);
    expect(compareFiscalYears('H30', 'R1')).toBeLessThan(0);
    expect(compareFiscalYears('R元', 'R1')).toBe(0);
    expect(compareFiscalYears('H31', 'R1')).toBe(0);
    expect(['R10', 'R2', 'H30', 'R元'].sort(compareFiscalYears)).toEqual(['H30', 'R元', 'R2', 'R10']);
  });

  test('previous and next', () => {
    expect(previousFiscalYear('R2')).toBe('R1');
    expect(previousFiscalYear('R1')).toBe('H30');
    expect(previousFiscalYear('R元')).toBe('H30');
    expect(previousFiscalYear('R3')).toBe('R2');
    expect(nextFiscalYear('H30')).toBe('R1');
    expect(nextFiscalYear('R6')).toBe('R7');
  });

  test('quarterMonths: 1 = Apr–Jun … 4 = Jan–Mar', () => {
    expect(quarterMonths(1)).toEqual({ from: 4, to: 6 });
    expect(quarterMonths(2)).toEqual({ from: 7, to: 9 });
    expect(quarterMonths(3)).toEqual({ from: 10, to: 12 });
    expect(quarterMonths(4)).toEqual({ from: 1, to: 3 });
    expect(() => quarterMonths(5 as 1)).toThrow(RangeError);
  });

  test('property: number ↔ canonical form round trip, and every written form agrees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1989, max: 2117 }), (n) => {
        const fy = fiscalYearFromNumber(n);
        expect(fiscalYearNumber(fy)).toBe(n);
        expect(parseFiscalYear(fy)).toBe(fy);
        expect(parseFiscalYear(n)).toBe(fy);
        expect(parseFiscalYear(`${n}年度`)).toBe(fy);
        expect(parseFiscalYear(formatFiscalYearLabel(fy))).toBe(fy);
        if (n >= 2019) expect(parseFiscalYear(`令和${n - 2018}年度`)).toBe(fy);
        else expect(parseFiscalYear(`平成${n - 1988}年度`)).toBe(fy);
        if (n > 1989) expect(nextFiscalYear(previousFiscalYear(fy))).toBe(fy);
      }),
    );
  });
});
