// Numbers as clerks type them into a sheet cell (spec EVALUATION-SHEET.md §4 "Numbers as typed by clerks",
// SOURCE-LAYOUTS.md §1 "Numbers" and "Empty-value markers"). Pure functions; never guesses silently:
// anything that is not one clean number (with an optional unit, 約/程度 and one comparison word) is an error
// whose message quotes the text as typed.
//
// Grammar, applied after NFKC (so １２３ → 123, ％ → %, ／ → /, ㎡ → m2, － → -):
//   [約] [sign] [約] number [multiplier number …] [unit] [以上|以下|未満|超] [程度]
//   sign:    - (also full-width －), − (U+2212), ▲, △ mean negative; + is allowed.
//   number:  digits with an optional decimal point; commas must separate groups of exactly three digits
//            (1,266  20,074,375  1,266.5), the first group 1–3 digits not starting with 0 ("0,5" and "1,26" are errors).
//   unit:    Japanese text (kanji, kana, ー, ・), %, ‰, /, parentheses, or a known Latin unit (m2, km, kWh, t-CO2 …).
//            Spaces are allowed between the parts and are removed from the unit ("15 業務／年" → unit "業務/年").
//            The comparison word and 程度 may close the unit or stand just before its "/…" part ("3,100 件以上／年").
//
// The multiplier / unit rule (one rule, no exceptions):
//   * A scale word directly followed by 円 is part of the money unit and is kept as the unit:
//     389億円 → 389 '億円'; 450 百万円 → 450 '百万円'; 27,100 千円 → 27100 '千円'; 5,800万円 → 5800 '万円'.
//     (Money in the sheets is written in those units, and a KPI's unit is e.g. 百万円.)
//   * A scale word (兆 億 万 千 百, and 十万 百万 千万 十億 百億 千億) before anything else — another unit or nothing —
//     is a multiplier: ２万件 → 20000 '件'; 1,500万回 → 15000000 '回'; 7.3万時間 → 73000 '時間'; 98万 → 980000 ''.
//     A KPI whose unit is 万件 or 千人 is served by convertUnit(20000, '件', '万件') = 2.
//   * Compounds read as Japanese numerals, largest part first, each later part smaller than the step before it,
//     decimals only in the last part: 1億2,000万回 → 120000000 '回'; 1万2345件 → 12345 '件'.
//     A compound ending in a money unit is expressed in that (smallest) money unit: ２億 5,800 万円 → 25800 '万円'
//     (= 258,000,000 円, see convertUnit).
// All scaling is done on the decimal digits (BigInt), never by float multiplication, so 7.3万 is exactly 73000.

export type Comparator = 'ge' | 'le' | 'gt' | 'lt';

export interface Message {
  ja: string;
  en: string;
}

export type ParsedValue =
  | { kind: 'blank' }
  | { kind: 'none'; raw: string }
  | { kind: 'number'; value: number; unit: string; raw: string; approximate?: boolean; comparator?: Comparator }
  | { kind: 'error'; raw: string; message: Message };

export type ParsedNumber = Extract<ParsedValue, { kind: 'number' }>;

/** The comparison words after a number and what they mean. */
export const COMPARATOR_WORDS: Readonly<Record<Comparator, string>> = { ge: '以上', le: '以下', lt: '未満', gt: '超' };

// ---------------------------------------------------------------------------------------------------------------
// Exact decimals: value = digits × 10^exp.

interface Dec {
  digits: bigint;
  exp: number;
}

/** Plain decimal string (no exponent) → Dec. The string must match /^-?\d*\.?\d*$/ with at least one digit. */
function decFromPlain(s: string): Dec {
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  const digits = BigInt((int + frac).replace(/^0+(?=\d)/, '') || '0');
  return { digits: negative ? -digits : digits, exp: -frac.length };
}

/** A finite JS number → its shortest round-trip decimal as a Dec. */
function decFromNumber(n: number): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) throw new RangeError(`not a finite number: ${String(n)}`);
  const frac = m[3] ?? '';
  const digits = BigInt(m[2] + frac);
  return { digits: m[1] ? -digits : digits, exp: Number(m[4] ?? '0') - frac.length };
}

function decShift(d: Dec, k: number): Dec {
  return { digits: d.digits, exp: d.exp + k };
}

function decAdd(a: Dec, b: Dec): Dec {
  const exp = Math.min(a.exp, b.exp);
  return { digits: a.digits * 10n ** BigInt(a.exp - exp) + b.digits * 10n ** BigInt(b.exp - exp), exp };
}

function decIsInteger(d: Dec): boolean {
  return d.exp >= 0 || d.digits % 10n ** BigInt(-d.exp) === 0n;
}

/** True when |d| < 10^k. */
function decBelowPowerOfTen(d: Dec, k: number): boolean {
  const abs = d.digits < 0n ? -d.digits : d.digits;
  const e = k - d.exp; // |digits| < 10^e
  if (e <= 0) return abs === 0n;
  return abs < 10n ** BigInt(e);
}

function decToPlain(d: Dec): string {
  const negative = d.digits < 0n;
  let s = (negative ? -d.digits : d.digits).toString();
  if (s === '0') return '0';
  if (d.exp >= 0) {
    s += '0'.repeat(d.exp);
  } else {
    const k = -d.exp;
    if (s.length <= k) s = '0'.repeat(k - s.length + 1) + s;
    s = `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`.replace(/\.?0+$/, '');
  }
  return negative ? `-${s}` : s;
}

function decToNumber(d: Dec): number {
  const n = Number(decToPlain(d));
  return n === 0 ? 0 : n; // never -0
}

/** A finite number as a plain decimal string without exponent: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function formatPlainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return decToPlain(decFromNumber(n === 0 ? 0 : n));
}

// ---------------------------------------------------------------------------------------------------------------
// Units and scales.

/** Scale words and their powers of ten (longest first, so 千億 wins over 千). */
const SCALES: ReadonlyArray<readonly [string, number]> = [
  ['千億', 11],
  ['百億', 10],
  ['十億', 9],
  ['千万', 7],
  ['百万', 6],
  ['十万', 5],
  ['兆', 12],
  ['億', 8],
  ['万', 4],
  ['千', 3],
  ['百', 2],
];
const SCALE_ALT = SCALES.map(([w]) => w).join('|');
const MONEY_RE = new RegExp(`^(${SCALE_ALT})?円`);
const MULTIPLIER_RE = new RegExp(`^(${SCALE_ALT})`);
const SCALED_UNIT_RE = new RegExp(`^(${SCALE_ALT})?(.+)$`, 's');
const SCALE_EXP: ReadonlyMap<string, number> = new Map(SCALES);

/** Latin units accepted inside a unit (after NFKC: ㎡ → m2, ℃ → °C). Anything else Latin is an error ("12a"). */
const LATIN_UNITS: readonly string[] = [
  't-CO2', 'kg-CO2', 'tCO2', 'Gbps', 'Mbps', 'kWh', 'MWh', 'GWh', 'bps', 'km2', 'ppm',
  'Wh', 'km', 'm2', 'm3', 'cm', 'mm', 'ha', 'kg', 'kL', 'mL', 'kW', 'MW', 'TB', 'GB', 'MB', 'KB', '°C', 'pt',
  'm', 'g', 't', 'L', 'W',
].sort((a, b) => b.length - a.length);

/** Japanese text and symbols allowed in a unit. ー and ・ are script Common, so listed explicitly. */
const UNIT_CHAR_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・々〆%‰/()]/u;

/** A unit must hold at least one of these (so "ー" or "/" alone is not a unit). */
const UNIT_CORE_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}%‰A-Za-z°]/u;

/** Words that belong after the number but not inside a unit. */
const MISPLACED_WORD_RE = /以上|以下|未満|超|程度|約/;

/** A unit as compared: NFKC, all whitespace removed ("％" = "%", "業務 ／ 年" = "業務/年"). */
export function normalizeUnit(unit: string): string {
  return (unit ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/** Same unit after NFKC and whitespace removal: sameUnit('％', '%') and sameUnit(' 件', '件') are true. */
export function sameUnit(a: string, b: string): boolean {
  return normalizeUnit(a) === normalizeUnit(b);
}

function splitScaledUnit(unit: string): { exp: number; base: string } | null {
  const m = SCALED_UNIT_RE.exec(unit);
  if (!m) return null;
  return { exp: m[1] ? (SCALE_EXP.get(m[1]) as number) : 0, base: m[2] };
}

/**
 * Converts a value between scaled forms of the same base unit: 円/千円/万円/百万円/億円/兆円, 件/万件, 回/万回,
 * 時間/万時間, 人/千人 … Exact on the decimal digits: convertUnit(12, '億円', '百万円') === 1200.
 * Equal units (after normalizeUnit) and an empty unit on either side return the value unchanged
 * (a bare number takes the other side's unit); different bases (件 vs 件/年, % vs 件) return null.
 */
export function convertUnit(value: number, from: string, to: string): number | null {
  const f = normalizeUnit(from);
  const t = normalizeUnit(to);
  if (f === '' || t === '' || f === t) return value;
  const a = splitScaledUnit(f);
  const b = splitScaledUnit(t);
  if (!a || !b || a.base !== b.base) return null;
  if (!Number.isFinite(value)) return value;
  return decToNumber(decShift(decFromNumber(value), a.exp - b.exp));
}

// ---------------------------------------------------------------------------------------------------------------
// Messages.

function error(raw: string, ja: string, en: string): ParsedValue {
  return { kind: 'error', raw, message: { ja, en } };
}

/** Longest text quoted in a message, in characters (code points); a cell may hold 32,767. */
export const EXCERPT_LENGTH = 40;

/** The text as quoted in a message: at most EXCERPT_LENGTH characters, then "…" (the whole text stays in raw). */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const chars = Array.from(text.slice(0, EXCERPT_LENGTH * 2 + 2)).slice(0, EXCERPT_LENGTH + 1);
  return chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…` : text;
}
const q = excerpt;

const msg = {
  notNumber: (r: string) => [`「${q(r)}」は数値ではありません`, `"${q(r)}" is not a number`] as const,
  notFinite: (r: string) => [`「${q(r)}」は有限の数ではありません`, `"${q(r)}" is not a finite number`] as const,
  notText: (r: string) => [`「${q(r)}」は数値でも文字でもありません`, `"${q(r)}" is neither a number nor text`] as const,
  thousands: (r: string) =>
    [`「${q(r)}」の桁区切りが正しくありません`, `"${q(r)}": thousands separator in the wrong place`] as const,
  decimals: (r: string) => [`「${q(r)}」に小数点が複数あります`, `"${q(r)}": more than one decimal point`] as const,
  several: (r: string) => [`「${q(r)}」に数値が複数あります`, `"${q(r)}": more than one number`] as const,
  before: (r: string, t: string) =>
    [`「${q(r)}」の数値の前に余分な文字「${q(t)}」があります`, `"${q(r)}": unexpected text "${q(t)}" before the number`] as const,
  minus: (r: string, c: string) =>
    [
      `「${q(r)}」の「${q(c)}」は負の記号として読めません（- または ▲ を使います）`,
      `"${q(r)}": "${q(c)}" is not a minus sign (use - or ▲)`,
    ] as const,
  unit: (r: string, u: string) => [`「${q(r)}」の単位「${q(u)}」を読み取れません`, `"${q(r)}": cannot read the unit "${q(u)}"`] as const,
  misplaced: (r: string, w: string) =>
    [`「${q(r)}」の「${q(w)}」の位置が正しくありません`, `"${q(r)}": "${q(w)}" is not where it belongs (after the number and unit)`] as const,
  twoComparators: (r: string) =>
    [`「${q(r)}」に以上・以下・未満・超が複数あります`, `"${q(r)}": more than one of 以上/以下/未満/超`] as const,
  compound: (r: string) =>
    [
      `「${q(r)}」の億・万などの組み合わせが正しくありません`,
      `"${q(r)}": the 億/万 parts do not combine (largest first, each smaller than the step, decimals only at the end)`,
    ] as const,
  circled: (r: string) =>
    [`「${q(r)}」の丸数字などは数値として読めません`, `"${q(r)}": circled or enclosed digits are not numbers`] as const,
};

// ---------------------------------------------------------------------------------------------------------------
// Parsing.

const DASH_CLASS = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\u2500\u2501';
/**
 * One or more dashes, maybe with spaces: "no value" (-, —, －, ―, ー, ‐, –, ─, ━, −, after NFKC). Tested on
 * trimmed text, so its first character is a dash. One quantifier: "[…]*[-][…]*" backtracked quadratically.
 */
const NONE_RE = new RegExp(`^[\\s${DASH_CLASS}]+$`);
const NOT_A_MINUS_RE = /^[\u2010\u2011\u2012\u2013\u2014\u2015\u30FC\u2500\u2501]/;
const PREFIX_RE = /^(約\s*)?([-+\u2212▲△]\s*)?(約\s*)?/;
/** Enclosed digits that NFKC would silently turn into plain digits (①, ⑴, ⒈, ❶, ㉑ …). */
/** The patterns built with new RegExp (the regex literals are read from this file): checked in tests/rules. */
export const BUILT_PATTERNS: readonly RegExp[] = [];
const ENCLOSED_RE = /[\u2460-\u24FF\u2776-\u2793\u3251-\u325F\u32B1-\u32BF\u{1F100}-\u{1F10C}]/u;

(BUILT_PATTERNS as RegExp[]).push(MONEY_RE, MULTIPLIER_RE, SCALED_UNIT_RE, NONE_RE);

type ChunkResult = { ok: true; dec: Dec } | { ok: false; why: 'thousands' | 'decimals' | 'notNumber' };

/** Validates one run of [\d.,] and reads it exactly. */
function readChunk(chunk: string): ChunkResult {
  const dots = chunk.split('.').length - 1;
  if (dots > 1) return { ok: false, why: 'decimals' };
  const [int, frac = ''] = chunk.split('.');
  if (!/\d/.test(chunk)) return { ok: false, why: 'notNumber' };
  if (frac.includes(',')) return { ok: false, why: 'thousands' };
  if (int.includes(',') && !/^[1-9]\d{0,2}(,\d{3})+$/.test(int)) return { ok: false, why: 'thousands' };
  return { ok: true, dec: decFromPlain(`${int.replace(/,/g, '')}.${frac}`) };
}

interface Part {
  dec: Dec;
  /** Power of ten of the multiplier after this part; null when none (the last part). */
  exp: number | null;
}

/**
 * Parses a value as a clerk types it into a cell. Returns 'blank' for '', whitespace, null and undefined
 * (not yet reported); 'none' for a dash (no value); 'number' with the unit after NFKC; otherwise 'error'
 * with a Japanese and an English message quoting the text.
 * A JS number is returned as is (unit ''), NaN and ±Infinity are errors.
 */
export function parseClerkValue(input: unknown): ParsedValue {
  if (input === null || input === undefined) return { kind: 'blank' };
  if (typeof input === 'bigint') input = Number(input);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return error(String(input), ...msg.notFinite(String(input)));
    const value = input === 0 ? 0 : input;
    return { kind: 'number', value, unit: '', raw: formatPlainNumber(value) };
  }
  if (typeof input !== 'string') {
    let shown: string;
    try {
      shown = typeof input === 'object' ? (JSON.stringify(input) ?? String(input)) : String(input);
    } catch {
      shown = String(input);
    }
    return error(shown, ...msg.notText(shown));
  }

  const raw = input;
  const shown = raw.trim();
  if (shown === '') return { kind: 'blank' };
  if (ENCLOSED_RE.test(shown)) return error(raw, ...msg.circled(shown));
  const text = shown.normalize('NFKC').trim();
  if (text === '') return { kind: 'blank' };
  if (NONE_RE.test(text)) return { kind: 'none', raw };
  if (!/\d/.test(text)) return error(raw, ...msg.notNumber(shown));

  // Prefix: 約 and the sign.
  const prefix = PREFIX_RE.exec(text) as RegExpExecArray;
  if (prefix[1] && prefix[3]) return error(raw, ...msg.before(shown, prefix[0].trim()));
  let approximate = Boolean(prefix[1] || prefix[3]);
  const sign = prefix[2]?.trim() ?? '';
  const negative = sign !== '' && sign !== '+';
  let rest = text.slice(prefix[0].length);
  if (!/^\.?\d/.test(rest)) {
    if (NOT_A_MINUS_RE.test(rest) && /^.\s*\.?\d/u.test(rest)) return error(raw, ...msg.minus(shown, rest[0]));
    const firstDigit = rest.search(/\d/);
    const junk = (prefix[0] + rest.slice(0, Math.max(firstDigit, 0))).trim();
    return error(raw, ...msg.before(shown, junk));
  }

  // Number parts with multipliers.
  const parts: Part[] = [];
  let moneyExp: number | null = null;
  let unitText = '';
  for (;;) {
    const chunk = (/^[\d.,]+/.exec(rest) as RegExpExecArray)[0];
    const read = readChunk(chunk);
    if (!read.ok) {
      const [ja, en] = msg[read.why](shown);
      return error(raw, ja, en);
    }
    const after = rest.slice(chunk.length).replace(/^\s+/, '');
    const money = MONEY_RE.exec(after);
    if (money) {
      moneyExp = money[1] ? (SCALE_EXP.get(money[1]) as number) : 0;
      parts.push({ dec: read.dec, exp: null });
      unitText = after;
      break;
    }
    const mult = MULTIPLIER_RE.exec(after);
    if (!mult) {
      parts.push({ dec: read.dec, exp: null });
      unitText = after;
      break;
    }
    parts.push({ dec: read.dec, exp: SCALE_EXP.get(mult[1]) as number });
    const next = after.slice(mult[0].length);
    const nextTrim = next.replace(/^\s+/, '');
    if (/^\.?\d/.test(nextTrim)) {
      rest = nextTrim;
      continue;
    }
    unitText = next;
    break;
  }

  // Combine the parts, exactly, in the final unit (the money unit's scale, else ones).
  const finalExp = moneyExp ?? 0;
  let total: Dec = { digits: 0n, exp: 0 };
  let previousExp = Infinity;
  for (let i = 0; i < parts.length; i++) {
    const exp = parts[i].exp ?? finalExp;
    const last = i === parts.length - 1;
    if (exp < finalExp || exp >= previousExp) return error(raw, ...msg.compound(shown));
    if (parts.length > 1 && !last && !decIsInteger(parts[i].dec)) return error(raw, ...msg.compound(shown));
    if (i > 0 && !decBelowPowerOfTen(parts[i].dec, previousExp - exp)) return error(raw, ...msg.compound(shown));
    total = decAdd(total, decShift(parts[i].dec, exp - finalExp));
    previousExp = exp;
  }

  // The unit, with 以上/以下/未満/超 and 程度 taken off its end or off the end of the part before "/".
  let comparator: Comparator | undefined;
  const unitCompact = unitText.replace(/\s+/g, '');
  const slash = unitCompact.indexOf('/');
  const pieces = slash < 0 ? [unitCompact] : [unitCompact.slice(0, slash), unitCompact.slice(slash)];
  let sawTeido = false;
  for (let p = 0; p < pieces.length; p++) {
    let piece = pieces[p];
    for (let changed = true; changed; ) {
      changed = false;
      if (piece.endsWith('程度') && !sawTeido) {
        sawTeido = true;
        approximate = true;
        piece = piece.slice(0, -2);
        changed = true;
        continue;
      }
      for (const [c, word] of Object.entries(COMPARATOR_WORDS) as Array<[Comparator, string]>) {
        if (piece.endsWith(word)) {
          if (comparator) return error(raw, ...msg.twoComparators(shown));
          comparator = c;
          piece = piece.slice(0, -word.length);
          changed = true;
          break;
        }
      }
    }
    pieces[p] = piece;
  }
  const unit = pieces.join('');
  const misplaced = MISPLACED_WORD_RE.exec(unit);
  if (misplaced) return error(raw, ...msg.misplaced(shown, misplaced[0]));
  const unitProblem = checkUnit(unit);
  if (unitProblem === 'digits') return error(raw, ...msg.several(shown));
  if (unitProblem === 'bad') return error(raw, ...msg.unit(shown, unit));

  const magnitude = decToNumber(total);
  if (!Number.isFinite(magnitude)) return error(raw, ...msg.notFinite(shown));
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  const result: ParsedNumber = { kind: 'number', value, unit, raw };
  if (approximate) result.approximate = true;
  if (comparator) result.comparator = comparator;
  return result;
}

/** null when the unit is readable; 'bad' when it holds unreadable text ("a", "%(R7)"); 'digits' when it only holds another number. */
function checkUnit(unit: string): null | 'digits' | 'bad' {
  let i = 0;
  let sawDigit = false;
  let sawBad = false;
  while (i < unit.length) {
    const ch = String.fromCodePoint(unit.codePointAt(i) as number);
    if (UNIT_CHAR_RE.test(ch)) {
      i += ch.length;
      continue;
    }
    const latin = LATIN_UNITS.find((u) => unit.startsWith(u, i) && !/[A-Za-z0-9]/.test(unit.charAt(i + u.length)));
    if (latin) {
      i += latin.length;
      continue;
    }
    if (/\d/.test(ch)) sawDigit = true;
    else sawBad = true;
    i += ch.length;
  }
  if (sawBad) return 'bad';
  if (sawDigit) return 'digits';
  // Punctuation alone (ー, ・, /, parentheses) is not a unit: "5ー", "8,477／".
  return unit === '' || UNIT_CORE_RE.test(unit) ? null : 'bad';
}

/**
 * A parsed number back to a canonical string: {value: 1266, unit: '件'} → "1266件";
 * approximate → "約…", comparator → "…以上" at the end; no thousands separators; plain decimals, no exponent.
 * parseClerkValue(formatParsed(p)) equals p apart from raw (which becomes this string) for every p that
 * parseClerkValue returns. Units beginning with a scale word other than money (万件, 千人) are never produced
 * by the parser, and would read back as a multiplier. Blank → '', none → '－', error → its raw text.
 */
export function formatParsed(p: ParsedValue): string {
  switch (p.kind) {
    case 'blank':
      return '';
    case 'none':
      return '－';
    case 'error':
      return p.raw;
    case 'number':
      return `${p.approximate ? '約' : ''}${formatPlainNumber(p.value)}${p.unit}${p.comparator ? COMPARATOR_WORDS[p.comparator] : ''}`;
  }
}
