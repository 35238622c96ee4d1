import fc from 'fast-check';
import {
  convertUnit,
  excerpt,
  EXCERPT_LENGTH,
  formatParsed,
  formatPlainNumber,
  normalizeUnit,
  parseClerkValue,
  sameUnit,
  type Comparator,
  type ParsedValue,
} from '../../src/rules/parse-number';

type Expected = { value: number; unit: string; approximate?: boolean; comparator?: Comparator };

function num(value: number, unit = '', extra: Partial<Expected> = {}): Expected {
  return { value, unit, ...extra };
}

describe('parseClerkValue: numbers as clerks type them', () => {
  const cases: Array<[string, Expected]> = [
    // plain and full-width
    ['0', num(0)],
    ['235', num(235)],
    ['１２３', num(123)],
    ['１５', num(15)],
    ['7.0', num(7)],
    ['13.0 ％', num(13, '%')],
    ['.5', num(0.5)],
    ['5.', num(5)],
    ['  42  ', num(42)],
    ['\u3000４２\u3000', num(42)],
    // thousands separators
    ['1,266', num(1266)],
    ['1,800', num(1800)],
    ['20,074,375回', num(20074375, '回')],
    ['１，２６６件', num(1266, '件')],
    ['1,266.5', num(1266.5)],
    // units glued or after a space
    ['1,266件', num(1266, '件')],
    ['235件', num(235, '件')],
    ['13.2時間', num(13.2, '時間')],
    ['64.5%', num(64.5, '%')],
    ['64.5％', num(64.5, '%')],
    ['7.0%', num(7, '%')],
    ['15 業務／年', num(15, '業務/年')],
    ['8,477／累計', num(8477, '/累計')],
    ['98 システム', num(98, 'システム')],
    ['2,973 百万円', num(2973, '百万円')],
    ['261,575 ㎡', num(261575, 'm2')],
    ['5,641棟', num(5641, '棟')],
    ['40件', num(40, '件')],
    ['120 kWh', num(120, 'kWh')],
    ['3.5 t-CO2', num(3.5, 't-CO2')],
    // approximate
    ['約 2,800 台／年', num(2800, '台/年', { approximate: true })],
    ['約 200 手続', num(200, '手続', { approximate: true })],
    ['30 か所程度／年', num(30, 'か所/年', { approximate: true })],
    ['30 か所程度', num(30, 'か所', { approximate: true })],
    ['約30程度', num(30, '', { approximate: true })],
    ['約26万㎡', num(260000, 'm2', { approximate: true })],
    // negatives
    ['-475.2', num(-475.2)],
    ['−475.2', num(-475.2)],
    ['－5', num(-5)],
    ['▲115億円', num(-115, '億円')],
    ['▲ 42億円', num(-42, '億円')],
    ['△12％', num(-12, '%')],
    ['約▲5件', num(-5, '件', { approximate: true })],
    ['+3', num(3)],
    ['-0', num(0)],
    // Japanese multipliers
    ['２万件', num(20000, '件')],
    ['22 万件／年', num(220000, '件/年')],
    ['98万回', num(980000, '回')],
    ['1,500万回', num(15000000, '回')],
    ['7.3万時間', num(73000, '時間')],
    ['98万', num(980000)],
    ['1.5億', num(150000000)],
    ['3千人', num(3000, '人')],
    ['1億2,000万回', num(120000000, '回')],
    ['1万2345件', num(12345, '件')],
    // money units are kept
    ['389億円', num(389, '億円')],
    ['317 億円', num(317, '億円')],
    ['20.7億円', num(20.7, '億円')],
    ['450 百万円', num(450, '百万円')],
    ['27,100 千円', num(27100, '千円')],
    ['４．５ 千円', num(4.5, '千円')],
    ['5,800万円', num(5800, '万円')],
    ['3兆円', num(3, '兆円')],
    ['1200円', num(1200, '円')],
    // compound money: expressed in the smallest money unit present
    ['２億 5,800 万円', num(25800, '万円')],
    ['２億 3,000 万円', num(23000, '万円')],
    ['1億2345万6789円', num(123456789, '円')],
    ['2億5千万円', num(25, '千万円')],
    // comparison words
    ['75%以上', num(75, '%', { comparator: 'ge' })],
    ['７５％以上', num(75, '%', { comparator: 'ge' })],
    ['20％未満', num(20, '%', { comparator: 'lt' })],
    ['90%以上', num(90, '%', { comparator: 'ge' })],
    ['10.0時間以下', num(10, '時間', { comparator: 'le' })],
    ['100超', num(100, '', { comparator: 'gt' })],
    ['100件超', num(100, '件', { comparator: 'gt' })],
    ['3,100 件以上／年', num(3100, '件/年', { comparator: 'ge' })],
    ['2,000 件以上／年', num(2000, '件/年', { comparator: 'ge' })],
    ['3,100件/年以上', num(3100, '件/年', { comparator: 'ge' })],
    ['約 50 件程度以上', num(50, '件', { approximate: true, comparator: 'ge' })],
  ];

  test.each(cases)('%j', (input, expected) => {
    const p = parseClerkValue(input);
    expect(p).toEqual({ kind: 'number', raw: input, ...expected });
  });

  test('JS numbers are returned as they are', () => {
    expect(parseClerkValue(98.47)).toEqual({ kind: 'number', value: 98.47, unit: '', raw: '98.47' });
    expect(parseClerkValue(-475.2)).toEqual({ kind: 'number', value: -475.2, unit: '', raw: '-475.2' });
    expect(parseClerkValue(0)).toEqual({ kind: 'number', value: 0, unit: '', raw: '0' });
    expect(Object.is((parseClerkValue(-0) as { value: number }).value, 0)).toBe(true);
    expect(parseClerkValue(1e21)).toEqual({ kind: 'number', value: 1e21, unit: '', raw: '1000000000000000000000' });
    expect(parseClerkValue(10194 / 1200)).toMatchObject({ kind: 'number', value: 10194 / 1200 });
  });

  test('decimals are exact, never float products', () => {
    expect(parseClerkValue('7.3万')).toMatchObject({ value: 73000 });
    expect(parseClerkValue('0.07万')).toMatchObject({ value: 700 });
    expect(parseClerkValue('1.1億')).toMatchObject({ value: 110000000 });
    expect(parseClerkValue('0.0001万')).toMatchObject({ value: 1 });
    expect(parseClerkValue('1.23456万件')).toMatchObject({ value: 12345.6, unit: '件' });
  });
});

describe('parseClerkValue: blank and none', () => {
  test.each([[''], ['   '], ['\u3000'], ['\t\n']])('blank %j', (s) => {
    expect(parseClerkValue(s)).toEqual({ kind: 'blank' });
  });
  test('null and undefined are blank', () => {
    expect(parseClerkValue(null)).toEqual({ kind: 'blank' });
    expect(parseClerkValue(undefined)).toEqual({ kind: 'blank' });
  });

  const dashes = [
    '-', // ASCII hyphen-minus
    '—', // em dash U+2014
    '－', // full-width hyphen-minus U+FF0D
    '―', // horizontal bar U+2015
    'ー', // katakana prolonged sound mark U+30FC
    'ｰ', // half-width prolonged sound mark U+FF70
    '‐', // hyphen U+2010
    '–', // en dash U+2013
    '─', // box drawing light horizontal U+2500
    '━', // box drawing heavy horizontal U+2501
    '−', // minus sign U+2212
  ];
  test.each(dashes.map((d) => [d]))('dash %j alone is none', (d) => {
    expect(parseClerkValue(d)).toEqual({ kind: 'none', raw: d });
  });
  test.each([[' － '], ['\u3000ー\u3000'], ['――'], ['- -'], ['—\t']])('dash with spaces %j is none', (d) => {
    expect(parseClerkValue(d)).toEqual({ kind: 'none', raw: d });
  });
});

describe('parseClerkValue: errors name what is wrong and quote the text', () => {
  const cases: Array<[unknown, string, string]> = [
    // [input, a fragment of the Japanese message, a fragment of the English message]
    ['1,26', '桁区切り', 'thousands separator in the wrong place'],
    ['1,2345', '桁区切り', 'thousands separator'],
    ['0,5', '桁区切り', 'thousands separator'],
    ['1266,000', '桁区切り', 'thousands separator'],
    ['1,266,', '桁区切り', 'thousands separator'],
    ['1.234,5', '桁区切り', 'thousands separator'],
    ['1.2.3', '小数点が複数', 'more than one decimal point'],
    ['12 34', '数値が複数', 'more than one number'],
    ['100 200件', '数値が複数', 'more than one number'],
    ['12a', '単位「a」', 'cannot read the unit "a"'],
    ['1e5', '単位「e5」', 'cannot read the unit'],
    ['100%(R7)', '単位', 'cannot read the unit'],
    ['5、', '単位', 'cannot read the unit'],
    ['5ー', '単位「ー」', 'cannot read the unit "ー"'],
    ['8,477／', '単位「/」', 'cannot read the unit "/"'],
    ['5-', '単位', 'cannot read the unit'],
    ['5 ・', '単位', 'cannot read the unit'],
    ['達成', '数値ではありません', 'is not a number'],
    ['未達成', '数値ではありません', 'is not a number'],
    ['前年度以上', '数値ではありません', 'is not a number'],
    ['▲', '数値ではありません', 'is not a number'],
    ['約', '数値ではありません', 'is not a number'],
    ['前年度100', '余分な文字「前年度」', 'unexpected text "前年度" before the number'],
    ['R2 100', '余分な文字', 'before the number'],
    ['--5', '余分な文字', 'before the number'],
    ['約約5', '余分な文字', 'before the number'],
    ['‐5', '負の記号', 'is not a minus sign'],
    ['ー5', '負の記号', 'is not a minus sign'],
    ['—3', '負の記号', 'is not a minus sign'],
    ['50％以上削減', '「以上」の位置', '"以上" is not where it belongs'],
    ['5約', '「約」の位置', 'is not where it belongs'],
    ['75%以上以下', '複数', 'more than one of'],
    ['5万2億', '組み合わせ', 'do not combine'],
    ['2.5億3000万', '組み合わせ', 'do not combine'],
    ['２億 12000 万円', '組み合わせ', 'do not combine'],
    ['5千3百万円', '組み合わせ', 'do not combine'],
    ['①', '丸数字', 'circled'],
    ['⑴5', '丸数字', 'circled'],
    [NaN, '有限', 'not a finite number'],
    [Infinity, '有限', 'not a finite number'],
    [-Infinity, '有限', 'not a finite number'],
    ['1' + '0'.repeat(400), '有限', 'not a finite number'],
    [true, '数値でも文字でもありません', 'neither a number nor text'],
    [{ a: 1 }, '数値でも文字でもありません', 'neither a number nor text'],
  ];

  test.each(cases)('%j', (input, ja, en) => {
    const p = parseClerkValue(input);
    expect(p.kind).toBe('error');
    if (p.kind !== 'error') return;
    const shown = typeof input === 'string' ? input.trim() : p.raw;
    expect(p.message.ja).toContain(ja);
    expect(p.message.en).toContain(en);
    // Long text is quoted as its first EXCERPT_LENGTH characters and "…" (see "excerpts" below).
    expect(p.message.ja).toContain(`「${excerpt(shown)}」`);
    expect(p.message.en).toContain(`"${excerpt(shown)}"`);
    if (typeof input === 'string') expect(p.raw).toBe(input);
  });

  test('the thousands-separator message reads as specified', () => {
    expect(parseClerkValue('1,26')).toEqual({
      kind: 'error',
      raw: '1,26',
      message: { ja: '「1,26」の桁区切りが正しくありません', en: '"1,26": thousands separator in the wrong place' },
    });
  });
});

describe('units', () => {
  test('sameUnit compares after NFKC and trimming', () => {
    expect(sameUnit('％', '%')).toBe(true);
    expect(sameUnit(' 件 ', '件')).toBe(true);
    expect(sameUnit('業務／年', '業務/年')).toBe(true);
    expect(sameUnit('㎡', 'm2')).toBe(true);
    expect(sameUnit('件', '回')).toBe(false);
    expect(normalizeUnit('百万円')).toBe('百万円');
  });

  const conversions: Array<[number, string, string, number | null]> = [
    [12, '億円', '百万円', 1200],
    [389, '億円', '百万円', 38900],
    [25800, '万円', '円', 258000000],
    [258000000, '円', '万円', 25800],
    [27100, '千円', '百万円', 27.1],
    [450, '百万円', '千円', 450000],
    [2973, '百万円', '億円', 29.73],
    [0.1, '百万円', '千円', 100],
    [1.005, '億円', '百万円', 100.5],
    [20.7, '億円', '百万円', 2070],
    [3, '兆円', '億円', 30000],
    [20000, '件', '万件', 2],
    [2, '万件', '件', 20000],
    [980000, '回', '万回', 98],
    [7.3, '万時間', '時間', 73000],
    [3000, '人', '千人', 3],
    [64.5, '％', '%', 64.5],
    [64.5, '%', '%', 64.5],
    [5, '', '百万円', 5],
    [5, '件', '', 5],
    [-475.2, '億円', '百万円', -47520],
    [1, '件', '%', null],
    [1, '件', '件/年', null],
    [1, '円', '件', null],
    [1, '万円', '万件', null],
  ];
  test.each(conversions)('convertUnit(%p, %j, %j) = %p', (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBe(expected);
  });

  test('parsed compound money converts to 円 as the spec writes it', () => {
    const p = parseClerkValue('２億 5,800 万円');
    if (p.kind !== 'number') throw new Error('expected a number');
    expect(convertUnit(p.value, p.unit, '円')).toBe(258000000);
  });

  test('convertUnit is decimal-safe where a float product is not', () => {
    // 1.1 × 100 = 110.00000000000001 in doubles
    expect(convertUnit(1.1, '億円', '百万円')).toBe(110);
    expect(convertUnit(0.07, '万件', '件')).toBe(700);
    expect(convertUnit(4.35, '百万円', '千円')).toBe(4350);
  });
});

describe('formatParsed', () => {
  test.each([
    [{ kind: 'number', value: 1266, unit: '件', raw: '1,266件' }, '1266件'],
    [{ kind: 'number', value: 75, unit: '%', raw: '75％以上', comparator: 'ge' }, '75%以上'],
    [{ kind: 'number', value: 2800, unit: '台/年', raw: '約 2,800 台／年', approximate: true }, '約2800台/年'],
    [{ kind: 'number', value: -115, unit: '億円', raw: '▲115億円' }, '-115億円'],
    [{ kind: 'number', value: 1e-7, unit: '', raw: '' }, '0.0000001'],
    [{ kind: 'blank' }, ''],
    [{ kind: 'none', raw: 'ー' }, '－'],
    [{ kind: 'error', raw: '1,26', message: { ja: '', en: '' } }, '1,26'],
  ] as Array<[ParsedValue, string]>)('%j → %j', (p, s) => {
    expect(formatParsed(p)).toBe(s);
  });

  test('formatPlainNumber never uses an exponent', () => {
    expect(formatPlainNumber(1e21)).toBe('1000000000000000000000');
    expect(formatPlainNumber(1.5e-7)).toBe('0.00000015');
    expect(formatPlainNumber(-0)).toBe('0');
    expect(formatPlainNumber(123.456)).toBe('123.456');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties.

const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '．' };
for (let d = 0; d <= 9; d++) FULL_WIDTH[String(d)] = String.fromCharCode(0xff10 + d);

function group(int: string, comma: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, comma);
}

const UNITS = ['', '件', '%', '％', '時間', '回', '日', '億円', '百万円', '千円', '万円', '円', '業務／年', '／累計', '㎡', 'm2', '人', 'か所', 'kWh', 'システム'];
const COMPARATORS: Record<Comparator, string> = { ge: '以上', le: '以下', lt: '未満', gt: '超' };

const typed = fc.record({
  int: fc.bigInt({ min: 0n, max: 999_999_999n }),
  frac: fc.stringMatching(/^\d{0,6}$/),
  negative: fc.boolean(),
  sign: fc.constantFrom('-', '−', '▲', '△', '－'),
  separators: fc.boolean(),
  fullWidthComma: fc.boolean(),
  fullWidth: fc.boolean(),
  unit: fc.constantFrom(...UNITS),
  space: fc.constantFrom('', ' ', '\u3000'),
  approximate: fc.constantFrom<'' | '約' | '程度'>('', '約', '程度'),
  comparator: fc.option(fc.constantFrom<Comparator>('ge', 'le', 'lt', 'gt'), { nil: undefined }),
});

type Typed = typeof typed extends fc.Arbitrary<infer T> ? T : never;

function typeIt(t: Typed, multiplier = ''): string {
  let digits = t.separators ? group(t.int.toString(), t.fullWidthComma ? '，' : ',') : t.int.toString();
  if (t.frac !== '') digits += `.${t.frac}`;
  if (t.fullWidth) digits = [...digits].map((c) => FULL_WIDTH[c] ?? c).join('');
  const sign = t.negative ? t.sign : '';
  const pre = t.approximate === '約' ? '約' : '';
  const post = `${t.comparator ? COMPARATORS[t.comparator] : ''}${t.approximate === '程度' ? '程度' : ''}`;
  return `${pre}${sign}${digits}${multiplier}${t.space}${t.unit}${post}`;
}

function expectedValue(t: Typed, shift = 0): number {
  const frac = t.frac.padEnd(shift, '0');
  const v = Number(`${t.int.toString()}${frac.slice(0, shift)}.${frac.slice(shift) || '0'}`);
  return t.negative && v !== 0 ? -v : v;
}

describe('properties', () => {
  test('(a) a typed number reads back exactly, whatever the separators, digits, sign and unit', () => {
    fc.assert(
      fc.property(typed, (t) => {
        const s = typeIt(t);
        const p = parseClerkValue(s);
        expect(p).toEqual({
          kind: 'number',
          value: expectedValue(t),
          unit: normalizeUnit(t.unit),
          raw: s,
          ...(t.approximate ? { approximate: true } : {}),
          ...(t.comparator ? { comparator: t.comparator } : {}),
        });
      }),
      { numRuns: 2000 },
    );
  });

  test('(a) with 万 before a non-money unit: scaled exactly', () => {
    fc.assert(
      fc.property(typed, fc.constantFrom('件', '回', '時間', '人', ''), (t, unit) => {
        const s = typeIt({ ...t, unit }, '万');
        const p = parseClerkValue(s);
        expect(p).toMatchObject({ kind: 'number', value: expectedValue(t, 4), unit });
      }),
      { numRuns: 1000 },
    );
  });

  const ROUND_TRIP_UNITS = UNITS.map(normalizeUnit);
  const parsedNumbers = fc.oneof(
    typed.map((t) => parseClerkValue(typeIt(t))),
    fc
      .record({
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
        unit: fc.constantFrom(...ROUND_TRIP_UNITS),
        approximate: fc.boolean(),
        comparator: fc.option(fc.constantFrom<Comparator>('ge', 'le', 'lt', 'gt'), { nil: undefined }),
      })
      .map(({ value, unit, approximate, comparator }): ParsedValue => {
        const p: ParsedValue = { kind: 'number', value: value === 0 ? 0 : value, unit, raw: '' };
        if (approximate) p.approximate = true;
        if (comparator) p.comparator = comparator;
        return { ...p, raw: formatParsed(p) };
      }),
  );

  test('(b) formatParsed / parseClerkValue round trip', () => {
    fc.assert(
      fc.property(parsedNumbers, (p) => {
        expect(p.kind).toBe('number');
        const s = formatParsed(p);
        const q = parseClerkValue(s);
        // equal apart from raw, which becomes the canonical string …
        expect({ ...q, raw: '' }).toEqual({ ...p, raw: '' });
        expect(q).toEqual({ ...p, raw: s });
        // … and the canonical string is a fixed point
        expect(formatParsed(q)).toBe(s);
        if (p.kind === 'number' && p.raw === s) expect(q).toEqual(p);
      }),
      { numRuns: 2000 },
    );
  });

  const MONEY = ['円', '千円', '万円', '十万円', '百万円', '千万円', '億円', '十億円', '百億円', '千億円', '兆円'];
  const decimal = fc
    .record({ int: fc.bigInt({ min: -9_999_999_999n, max: 9_999_999_999n }), frac: fc.stringMatching(/^\d{0,4}$/) })
    .map(({ int, frac }) => Number(`${int.toString()}.${frac || '0'}`));

  test('(c) convertUnit there and back is the identity for money on decimals with ≤ 4 places', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...MONEY), fc.constantFrom(...MONEY), (x, a, b) => {
        const there = convertUnit(x, a, b);
        expect(there).not.toBeNull();
        expect(convertUnit(there as number, b, a)).toBe(x);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('excerpts: a message quotes at most EXCERPT_LENGTH characters of the text, the whole text stays in raw', () => {
  test('32,766 dashes and an "x": the message quotes 40 dashes and "…"', () => {
    const input = '-'.repeat(32766) + 'x';
    const p = parseClerkValue(input);
    if (p.kind !== 'error') throw new Error(`expected an error, got ${p.kind}`);
    expect(p.raw).toBe(input);
    expect(p.message.ja).toBe(`「${'-'.repeat(40)}…」は数値ではありません`);
    expect(p.message.en).toBe(`"${'-'.repeat(40)}…" is not a number`);
  });

  test('a long unit is cut too, and every message stays short', () => {
    const p = parseClerkValue(`12${'ab'.repeat(5000)}`);
    if (p.kind !== 'error') throw new Error(`expected an error, got ${p.kind}`);
    expect(p.message.en).toBe(`"12${'ab'.repeat(19)}…": cannot read the unit "${'ab'.repeat(20)}…"`);
    for (const input of ['1'.repeat(9999) + 'x', '1万'.repeat(5000), '約'.repeat(9999) + '1', '①'.repeat(9999)]) {
      const q = parseClerkValue(input);
      expect(q.kind === 'error' && q.message.ja.length < 200 && q.message.en.length < 300).toBe(true);
    }
  });

  test('text up to the limit is quoted whole; characters outside the BMP count as one and are never split', () => {
    expect(excerpt('x'.repeat(EXCERPT_LENGTH))).toBe('x'.repeat(EXCERPT_LENGTH));
    expect(excerpt('x'.repeat(EXCERPT_LENGTH + 1))).toBe(`${'x'.repeat(EXCERPT_LENGTH)}…`);
    expect(excerpt('𠮷'.repeat(EXCERPT_LENGTH))).toBe('𠮷'.repeat(EXCERPT_LENGTH));
    expect(excerpt('𠮷'.repeat(EXCERPT_LENGTH + 1))).toBe(`${'𠮷'.repeat(EXCERPT_LENGTH)}…`);
  });
});
