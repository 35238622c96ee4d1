// Excel's ROUND on the 15-significant-digit decimal value (spec EVALUATION-SHEET.md §4 "Rounding").
import fc from 'fast-check';
import { excelRound, excelValue, formatFixed } from '../../src/rules/round';

// ---------------------------------------------------------------------------------------------------------------
// Independent reference: string digits of x.toPrecision(15), then half away from zero by looking at the first
// dropped digit. Deliberately a different code path from src/rules/round.ts (no BigInt division / modulo).

/** Plain (no exponent) integer and fraction digit strings of |x| cut to 15 significant digits. */
function plainDigits15(x: number): { negative: boolean; int: string; frac: string } {
  const negative = x < 0;
  const text = Math.abs(x).toPrecision(15);
  const [mantissa, expText] = text.split('e');
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + (expText ? Number(expText) : 0);
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    int = digits.slice(0, point);
    frac = digits.slice(point);
  }
  return { negative, int: int.replace(/^0+(?=\d)/, ''), frac };
}

/** Reference ROUND(x, digits), half away from zero on the 15-digit decimal string. */
function referenceRound(x: number, digits: number): number {
  if (x === 0) return 0;
  const { negative, int, frac } = plainDigits15(x);
  let kept: string;
  let next: string;
  let exponent: number; // result = kept × 10^exponent
  if (digits >= 0) {
    const f = frac.padEnd(digits + 1, '0');
    kept = int + f.slice(0, digits);
    next = f[digits];
    exponent = -digits;
  } else {
    const k = -digits;
    const cut = int.length - k;
    kept = cut > 0 ? int.slice(0, cut) : '0';
    next = cut >= 0 && cut < int.length ? int[cut] : '0';
    exponent = k;
  }
  let keptInt = BigInt(kept);
  if (next >= '5') keptInt += 1n;
  if (keptInt === 0n) return 0;
  return Number(`${negative ? '-' : ''}${keptInt.toString()}e${exponent}`);
}

/** Reference for clerk decimals n / 10^k (exact decimals, ≤ 15 significant digits): pure BigInt on n. */
function referenceRoundDecimal(n: bigint, k: number, digits: number): number {
  if (digits >= k) return Number(`${n}e-${k}`);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const drop = 10n ** BigInt(k - digits);
  let q = abs / drop;
  const rest = abs - q * drop;
  if (rest * 2n >= drop) q += 1n;
  if (q === 0n) return 0;
  return Number(`${negative ? '-' : ''}${q}e-${digits}`);
}

describe('reference implementation sanity', () => {
  test('the reference agrees with the spec examples', () => {
    expect(referenceRound(162.5, 0)).toBe(163);
    expect(referenceRound(-162.5, 0)).toBe(-163);
    expect(referenceRound((10194 / 1200) * 100, 0)).toBe(850);
    expect(referenceRound(1234.5, -1)).toBe(1230);
    expect(referenceRound(1235, -1)).toBe(1240);
    expect(referenceRound(1.005, 2)).toBe(1.01);
    expect(referenceRound(0.00004, 4)).toBe(0);
    expect(referenceRound(0.00005, 4)).toBe(0.0001);
    expect(referenceRoundDecimal(1625n, 1, 0)).toBe(163);
    expect(referenceRoundDecimal(-1625n, 1, 0)).toBe(-163);
    expect(referenceRoundDecimal(2675n, 3, 2)).toBe(2.68);
  });
});

describe('excelRound: examples', () => {
  test.each<[number, number, number]>([
    // spec §4 "Rounding": half away from zero
    [162.5, 0, 163],
    [337.5, 0, 338],
    [402.5, 0, 403],
    [-162.5, 0, -163],
    [-337.5, 0, -338],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.5, 0, 2],
    [2.5, 0, 3], // not banker's rounding
    [2.4999, 0, 2],
    [162.49, 0, 162],
    // binary floating point: 10194/1200*100 is 849.4999… in doubles; Excel (15 digits) sees 849.5
    [(10194 / 1200) * 100, 0, 850],
    [(22.6 / 33.6) * 100, 0, 67],
    [(64.5 / 100) * 100, 0, 65],
    [(975 / 600) * 100, 0, 163],
    [(8.3 / 14.1) * 100, 0, 59],
    [(95.8 / 96) * 100, 1, 99.8],
    [(91.9 / 92.3) * 100, 1, 99.6],
    // classic decimal traps where JS toFixed / Math.round(x*100)/100 get it wrong
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [0.285, 2, 0.29],
    [1.0049999, 2, 1],
    [-1.005, 2, -1.01],
    [-2.675, 2, -2.68],
    [0.1 + 0.2, 1, 0.3],
    [99.96, 1, 100],
    [99.95, 1, 100],
    [99.94, 1, 99.9],
    // negative digits: ROUND(1234.5, -1) = 1230
    [1234.5, -1, 1230],
    [1235, -1, 1240],
    [-1235, -1, -1240],
    [1234.5, -2, 1200],
    [1250, -2, 1300],
    [-1250, -2, -1300],
    [49, -2, 0],
    [50, -2, 100],
    [999, -3, 1000],
    // already exact at this precision
    [12.3, 4, 12.3],
    [7, 2, 7],
    [100, 0, 100],
    // zero and sub-half magnitudes
    [0, 0, 0],
    [0, 3, 0],
    [0.4, 0, 0],
    [0.00004, 4, 0],
    [0.00005, 4, 0.0001],
    [-0.00005, 4, -0.0001],
    // huge and tiny
    [1e20, 0, 1e20],
    [123456789012345678, 0, 123456789012346000],
    [1.5e15, 0, 1.5e15],
    [123456789.123456789, 2, 123456789.12],
    [1e300, 2, 1e300],
    [-1e300, 0, -1e300],
    [1e-300, 0, 0],
    [1e-300, 4, 0],
    [5e-324, 0, 0],
    [4.5e-7, 6, 0],
    [5e-7, 6, 0.000001],
  ])('ROUND(%p, %p) = %p', (x, digits, expected) => {
    expect(excelRound(x, digits)).toBe(expected);
  });

  test('digits defaults to 0', () => {
    expect(excelRound(162.5)).toBe(163);
    expect(excelRound((10194 / 1200) * 100)).toBe(850);
  });

  test('a negative value that rounds to zero is +0, not -0', () => {
    expect(Object.is(excelRound(-0.4, 0), 0)).toBe(true);
    expect(Object.is(excelRound(-0.00004, 4), 0)).toBe(true);
    expect(Object.is(excelRound(-0, 2), 0)).toBe(true);
  });

  test('non-finite values pass through', () => {
    expect(excelRound(Infinity, 0)).toBe(Infinity);
    expect(excelRound(-Infinity, 2)).toBe(-Infinity);
    expect(excelRound(NaN, 0)).toBeNaN();
  });

  test('very large numbers round to their 15-digit value', () => {
    expect(excelRound(Number.MAX_VALUE, 0)).toBe(Number(Number.MAX_VALUE.toPrecision(15)));
    expect(excelRound(1.234567890123456e21, 3)).toBe(1.23456789012346e21);
  });
});

describe('excelValue', () => {
  test.each<[number, number]>([
    [(10194 / 1200) * 100, 849.5],
    [0.1 + 0.2, 0.3],
    [1 - 1e-16, 1],
    [(95.8 / 96) * 100, 99.7916666666667],
    [123456789012345678, 123456789012346000],
    [-(0.1 + 0.2), -0.3],
    [42, 42],
    [0, 0],
  ])('excelValue(%p) = %p', (x, expected) => {
    expect(excelValue(x)).toBe(expected);
  });

  test('-0 becomes 0; non-finite values pass through', () => {
    expect(Object.is(excelValue(-0), 0)).toBe(true);
    expect(excelValue(Infinity)).toBe(Infinity);
    expect(excelValue(NaN)).toBeNaN();
  });
});

describe('formatFixed', () => {
  test.each<[number, number, string]>([
    [99.8, 1, '99.8'],
    [2.675, 2, '2.68'],
    [1.005, 2, '1.01'],
    [1234.5, 0, '1235'],
    [(10194 / 1200) * 100, 0, '850'],
    [100, 1, '100.0'],
    [-162.5, 0, '-163'],
    [0.05, 1, '0.1'],
  ])('formatFixed(%p, %p) = %p', (x, decimals, expected) => {
    expect(formatFixed(x, decimals)).toBe(expected);
  });
});

describe('excelRound: properties', () => {
  const digitsArb = fc.integer({ min: 0, max: 4 });

  test('agrees with the string reference for random doubles in ±1e12', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), digitsArb, (x, digits) => {
        expect(excelRound(x, digits)).toBe(referenceRound(x, digits));
      }),
      { numRuns: 5000 },
    );
  });

  test('agrees with the string reference for small doubles (|x| < 1) at 0..4 digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), digitsArb, (x, digits) => {
        expect(excelRound(x, digits)).toBe(referenceRound(x, digits));
      }),
      { numRuns: 3000 },
    );
  });

  test('agrees with the string reference for negative digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -6, max: -1 }), (x, digits) => {
        expect(excelRound(x, digits)).toBe(referenceRound(x, digits));
      }),
      { numRuns: 2000 },
    );
  });

  test('clerk decimals n / 10^k round half away from zero on the exact decimal', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 3 }),
        digitsArb,
        (n, k, digits) => {
          const x = Number(n) / 10 ** k;
          expect(excelRound(x, digits)).toBe(referenceRoundDecimal(n, k, digits));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('exact halves n.5 / 10^digits always go away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), digitsArb, (m, digits) => {
        // x = (10·m + 5·sign) / 10^(digits+1), e.g. m = 16, digits = 0 → 16.5 → 17; m = -16 → -16.5 → -17
        const sign = m < 0 ? -1n : 1n;
        const n = BigInt(m) * 10n + 5n * sign;
        const x = Number(n) / 10 ** (digits + 1);
        const expected = Number(`${BigInt(m) + sign}e-${digits}`);
        expect(excelRound(x, digits)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  test('ratios as the rate formula computes them agree with the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        (a, b, ka, kb) => {
          const actual = a / 10 ** ka;
          const target = b / 10 ** kb;
          const rate = (actual / target) * 100;
          expect(excelRound(rate, 0)).toBe(referenceRound(rate, 0));
          expect(excelRound(rate, 1)).toBe(referenceRound(rate, 1));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('is odd: ROUND(-x) = -ROUND(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), digitsArb, (x, digits) => {
        const r = excelRound(x, digits);
        const s = excelRound(-x, digits);
        expect(s === 0 && r === 0 ? true : s === -r).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
