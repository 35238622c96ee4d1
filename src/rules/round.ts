// Rounding that agrees with Excel's ROUND: half away from zero, applied to the value as Excel
// sees it — the double cut to 15 significant digits — so 10194/1200*100 (849.4999… in binary)
// rounds to 850, as the published sheets print it. Pure decimal arithmetic on BigInt: no x*100/100.

/** Splits a finite number, cut to 15 significant digits, into sign, integer digits and a power of ten. */
function toDecimal15(x: number): { negative: boolean; digits: bigint; exponent: number } {
  const text = Math.abs(x).toPrecision(15); // "849.500000000000" or "1.23456789012345e+21"
  const [mantissa, expText] = text.split('e');
  const [intPart, fracPart = ''] = mantissa.split('.');
  return {
    negative: x < 0,
    digits: BigInt(intPart + fracPart),
    exponent: (expText ? parseInt(expText, 10) : 0) - fracPart.length,
  };
}

/** The double Excel would show for x: x cut to 15 significant digits. */
export function excelValue(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(15));
}

/** Excel's ROUND(x, digits): half away from zero on the 15-significant-digit decimal value. */
export function excelRound(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 0;
  const { negative, digits: mantissa, exponent } = toDecimal15(x);
  const scale = exponent + digits; // power of ten by which mantissa exceeds the last kept digit
  if (scale >= 0) return excelValue(x); // already exact at this precision
  const divisor = 10n ** BigInt(-scale);
  let quotient = mantissa / divisor;
  if ((mantissa % divisor) * 2n >= divisor) quotient += 1n; // half away from zero (sign applied below)
  const result = Number(`${quotient}e${-digits}`);
  return negative && result !== 0 ? -result : result;
}

/**
 * Fixed-point text as Excel's TEXT(x,"0.0") writes it: never in exponent form, and from 1e15 on its 15
 * significant digits followed by zeros (JavaScript's toFixed prints every binary digit up to 1e21, then
 * switches to "1.6e+305").
 */
export function fixedText(x: number, decimals: number): string {
  if (!Number.isFinite(x) || Math.abs(x) < 1e15) return x.toFixed(decimals);
  const [mantissa, exp] = Math.abs(x).toExponential(14).split('e');
  const digits = mantissa.replace('.', '');
  const whole = digits.padEnd(parseInt(exp, 10) + 1, '0');
  return `${x < 0 ? '-' : ''}${whole}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
}

/** Fixed-point text of an already rounded value, e.g. formatFixed(99.8, 1) → "99.8". */
export function formatFixed(x: number, decimals: number): string {
  return excelRound(x, decimals).toFixed(decimals);
}
