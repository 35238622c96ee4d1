// Fiscal years (年度) as the sheets write them (spec EVALUATION-SHEET.md §2, SOURCE-LAYOUTS.md §1).
//
// A fiscal year runs April–March. The canonical form used everywhere in the model is the
// wareki short form "R2" (= FY2020) or "H30" (= FY2018): FY = 2018 + R, FY = 1988 + H.
// FY2019 is always "R1" (printed "R元"), even when a source writes it "H31年度".
// Pure functions only.

/** Smallest and largest Western fiscal years accepted (H1 … R99). */
const MIN_FY = 1989;
const MAX_FY = 2018 + 99;

const REIWA_OFFSET = 2018;
const HEISEI_OFFSET = 1988;

function fromWestern(n: number): string | null {
  if (!Number.isInteger(n) || n < MIN_FY || n > MAX_FY) return null;
  return n >= REIWA_OFFSET + 1 ? `R${n - REIWA_OFFSET}` : `H${n - HEISEI_OFFSET}`;
}

/**
 * Reads a fiscal year as written in a sheet and returns the canonical form ("R2", "R1", "H30"),
 * or null when the text is not unambiguously one fiscal year (never guesses).
 *
 * Accepted: `R1`, `R元`, `Ｒ２`, `Ｒ２年度`, `R2年度`, `令和2年度`, `令和元年度`, `H30`, `Ｈ30 年度`,
 * `平成30年度`, `H31` (= R1), Western `2020`, `2020年度`, `FY2020` and the JS number 2020.
 * Rejected (null): ranges (`Ｒ２～４年度`), calendar forms (`R2年`, `Ｒ２年３月`), `R0`, `H32`, kanji numerals.
 */
export function parseFiscalYear(text: string | number): string | null {
  if (typeof text === 'number') return fromWestern(text);
  if (typeof text !== 'string') return null;
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  if (s.endsWith('年度')) s = s.slice(0, -2);
  const era = /^(R|H|令和|平成)(元|\d{1,2})$/i.exec(s);
  if (era) {
    const n = era[2] === '元' ? 1 : Number(era[2]);
    if (n < 1) return null;
    const isReiwa = /^(r|令和)$/i.test(era[1]);
    if (isReiwa) return n <= 99 ? fromWestern(REIWA_OFFSET + n) : null;
    return n <= 31 ? fromWestern(HEISEI_OFFSET + n) : null;
  }
  const western = /^(?:FY)?(\d{4})$/i.exec(s);
  if (western) return fromWestern(Number(western[1]));
  return null;
}

/** The canonical forms exactly: R1–R99, H1–H30 (H31 is R1), no leading zeros. */
export const CANONICAL_FISCAL_YEAR_RE = /^(R([1-9]|[1-9][0-9])|H([1-9]|[12][0-9]|30))$/;

/**
 * Why a text is not a canonical fiscal year, "en / ja" (zod's message convention here), with the form to write
 * when the text is some other spelling of one year: "R02" → write R2, "H31" → the same year as R1.
 */
export function fiscalYearHint(input: unknown): string {
  const shown = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const canonical = typeof input === 'string' ? parseFiscalYear(input) : null;
  if (canonical === null) {
    return `"${shown}" is not a fiscal year: write it like R2 or H30 (Reiwa starts at R1, Heisei ends at H30)` +
      ` / 「${shown}」は年度として読めません。R2 や H30 の形で書きます（令和は R1 から、平成は H30 まで）`;
  }
  const fy = fiscalYearNumber(canonical);
  return `"${shown}" is FY${fy}: write it ${canonical}, one spelling per year` +
    ` / 「${shown}」は ${fy} 年度です。${canonical} と書いてください（年度の書き方は一通り）`;
}

function notAFiscalYear(fy: unknown): RangeError {
  return new RangeError(`「${String(fy)}」は年度として読めません / "${String(fy)}" is not a fiscal year`);
}

/** True when `fy` is already in canonical form ("R2", "H30"; FY2019 only as "R1"). */
export function isCanonicalFiscalYear(fy: string): boolean {
  return typeof fy === 'string' && /^(R|H)\d{1,2}$/.test(fy) && parseFiscalYear(fy) === fy;
}

/** The Western fiscal year: R2 → 2020, R1 → 2019, H30 → 2018. Accepts any form parseFiscalYear accepts; throws otherwise. */
export function fiscalYearNumber(fy: string): number {
  const canonical = parseFiscalYear(fy);
  if (canonical === null) throw notAFiscalYear(fy);
  const n = Number(canonical.slice(1));
  return canonical[0] === 'R' ? REIWA_OFFSET + n : HEISEI_OFFSET + n;
}

/** The canonical wareki form of a Western fiscal year: 2020 → "R2", 2019 → "R1", 2018 → "H30". Throws outside 1989–2117. */
export function fiscalYearFromNumber(n: number): string {
  const fy = fromWestern(n);
  if (fy === null) throw notAFiscalYear(n);
  return fy;
}

/** The form the sheet prints: "R元" for R1, otherwise the canonical form ("R2", "H30"). */
export function formatFiscalYearLabel(fy: string): string {
  const canonical = parseFiscalYear(fy);
  if (canonical === null) throw notAFiscalYear(fy);
  return canonical === 'R1' ? 'R元' : canonical;
}

/** Every fiscal year from `from` to `to`, both included, canonical: ("H30", "R2") → ["H30", "R1", "R2"]. Empty when from > to. */
export function fiscalYearRange(from: string, to: string): string[] {
  const a = fiscalYearNumber(from);
  const b = fiscalYearNumber(to);
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(fiscalYearFromNumber(n));
  return out;
}

/** Negative when a is earlier, 0 when the same fiscal year (R1 = R元 = H31 = 2019), positive when later. */
export function compareFiscalYears(a: string, b: string): number {
  return Math.sign(fiscalYearNumber(a) - fiscalYearNumber(b));
}

/** The fiscal year before: R2 → "R1", R1 → "H30". */
export function previousFiscalYear(fy: string): string {
  return fiscalYearFromNumber(fiscalYearNumber(fy) - 1);
}

/** The fiscal year after: R1 → "R2", H30 → "R1". */
export function nextFiscalYear(fy: string): string {
  return fiscalYearFromNumber(fiscalYearNumber(fy) + 1);
}

/**
 * Calendar months of a quarter (四半期) of the fiscal year: 1 → Apr–Jun {from: 4, to: 6},
 * 2 → Jul–Sep, 3 → Oct–Dec, 4 → Jan–Mar of the next calendar year {from: 1, to: 3}.
 */
export function quarterMonths(q: 1 | 2 | 3 | 4): { from: number; to: number } {
  switch (q) {
    case 1:
      return { from: 4, to: 6 };
    case 2:
      return { from: 7, to: 9 };
    case 3:
      return { from: 10, to: 12 };
    case 4:
      return { from: 1, to: 3 };
    default:
      throw new RangeError(`四半期は 1〜4 です: ${String(q)} / a quarter is 1 to 4, not ${String(q)}`);
  }
}
