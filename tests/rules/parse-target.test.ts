import { defaultComparator, parseTarget, relativeComparator, type TargetSpec } from '../../src/rules/parse-target';

describe('parseTarget', () => {
  test('numbers take the comparator from the direction', () => {
    expect(parseTarget(14.1, 'higher')).toEqual({ kind: 'number', value: 14.1, unit: '', comparator: 'ge', raw: '14.1' });
    expect(parseTarget(10, 'lower')).toEqual({ kind: 'number', value: 10, unit: '', comparator: 'le', raw: '10' });
    expect(parseTarget(100, 'higher', true)).toMatchObject({ comparator: 'gt' });
    expect(parseTarget(20, 'lower', true)).toMatchObject({ comparator: 'lt' });
    expect(parseTarget(0, 'higher')).toMatchObject({ kind: 'number', value: 0 });
    expect(parseTarget(NaN, 'higher')).toEqual({ kind: 'text', text: 'NaN' });
  });

  test.each<[string, 'higher' | 'lower', boolean, TargetSpec]>([
    ['600', 'higher', false, { kind: 'number', value: 600, unit: '', comparator: 'ge', raw: '600' }],
    ['1,266件', 'higher', false, { kind: 'number', value: 1266, unit: '件', comparator: 'ge', raw: '1,266件' }],
    ['10.0時間', 'lower', false, { kind: 'number', value: 10, unit: '時間', comparator: 'le', raw: '10.0時間' }],
    ['75%以上', 'higher', false, { kind: 'number', value: 75, unit: '%', comparator: 'ge', raw: '75%以上' }],
    ['20％未満', 'lower', false, { kind: 'number', value: 20, unit: '%', comparator: 'lt', raw: '20％未満' }],
    ['20％未満', 'higher', false, { kind: 'number', value: 20, unit: '%', comparator: 'lt', raw: '20％未満' }],
    ['90%以上', 'lower', true, { kind: 'number', value: 90, unit: '%', comparator: 'ge', raw: '90%以上' }],
    ['100超', 'higher', false, { kind: 'number', value: 100, unit: '', comparator: 'gt', raw: '100超' }],
    ['857 百万円以下', 'higher', false, { kind: 'number', value: 857, unit: '百万円', comparator: 'le', raw: '857 百万円以下' }],
    ['3,100 件以上／年', 'higher', false, { kind: 'number', value: 3100, unit: '件/年', comparator: 'ge', raw: '3,100 件以上／年' }],
    [
      '約 200 手続',
      'higher',
      false,
      { kind: 'number', value: 200, unit: '手続', comparator: 'ge', raw: '約 200 手続', approximate: true },
    ],
    ['２億 3,000 万円', 'lower', false, { kind: 'number', value: 23000, unit: '万円', comparator: 'le', raw: '２億 3,000 万円' }],
    ['98万回', 'higher', true, { kind: 'number', value: 980000, unit: '回', comparator: 'gt', raw: '98万回' }],
  ])('%j (%s, strict %p)', (target, direction, strict, expected) => {
    expect(parseTarget(target, direction, strict)).toEqual(expected);
  });

  test.each<[string, 'higher' | 'lower', 'ge' | 'le' | 'gt' | 'lt']>([
    ['前年度以上', 'higher', 'ge'],
    ['前年度水準以上', 'higher', 'ge'],
    ['前年度実績以上', 'higher', 'ge'],
    ['前年度以下', 'lower', 'le'],
    ['(前年度以下)', 'lower', 'le'],
    ['（前年度以下）', 'lower', 'le'],
    [' 前年度 以上 ', 'higher', 'ge'],
    ['前年度未満', 'lower', 'lt'],
    ['前年度超', 'higher', 'gt'],
    ['前年度以下', 'higher', 'le'], // the words decide, not the direction
  ])('relative %j', (target, direction, comparator) => {
    expect(parseTarget(target, direction)).toEqual({ kind: 'relative', comparator, label: target.trim() });
  });

  test('the object form takes the comparator from the direction', () => {
    expect(parseTarget({ relative: 'previousActual' }, 'higher')).toEqual({
      kind: 'relative',
      comparator: 'ge',
      label: '前年度以上',
    });
    expect(parseTarget({ relative: 'previousActual' }, 'lower')).toEqual({
      kind: 'relative',
      comparator: 'le',
      label: '前年度以下',
    });
    expect(parseTarget({ relative: 'previousActual', label: '前年度水準以上' }, 'higher', true)).toEqual({
      kind: 'relative',
      comparator: 'gt',
      label: '前年度水準以上',
    });
    expect(parseTarget({ relative: 'previousActual', label: '(前年度以下)' }, 'lower', true)).toEqual({
      kind: 'relative',
      comparator: 'lt',
      label: '(前年度以下)',
    });
  });

  test.each([['－'], ['ー'], ['—'], ['-'], ['―'], [' － ']])('none %j', (target) => {
    expect(parseTarget(target, 'higher')).toEqual({ kind: 'none', raw: target });
    expect(parseTarget(target, 'qualitative')).toEqual({ kind: 'none', raw: target });
  });

  test('blank', () => {
    expect(parseTarget(null, 'higher')).toEqual({ kind: 'blank' });
    expect(parseTarget(undefined, 'lower')).toEqual({ kind: 'blank' });
    expect(parseTarget('', 'higher')).toEqual({ kind: 'blank' });
    expect(parseTarget('  ', 'qualitative')).toEqual({ kind: 'blank' });
  });

  test('qualitative strings are text', () => {
    expect(parseTarget('期間内に公表', 'qualitative')).toEqual({ kind: 'text', text: '期間内に公表' });
    expect(parseTarget(' 黒字化 ', 'qualitative')).toEqual({ kind: 'text', text: '黒字化' });
    expect(parseTarget('100%', 'qualitative')).toEqual({ kind: 'text', text: '100%' });
    expect(parseTarget('前年度以上', 'qualitative')).toEqual({ kind: 'text', text: '前年度以上' });
  });

  test.each([['50％以上削減'], ['100%(R7)'], ['1,26'], ['R3~R6年度累計'], ['全庁展開'], ['前年度比増']])(
    'unparsable %j is text',
    (target) => {
      expect(parseTarget(target, 'higher')).toEqual({ kind: 'text', text: target });
    },
  );
});

describe('helpers', () => {
  test('defaultComparator', () => {
    expect(defaultComparator('higher')).toBe('ge');
    expect(defaultComparator('lower')).toBe('le');
    expect(defaultComparator('higher', true)).toBe('gt');
    expect(defaultComparator('lower', true)).toBe('lt');
    expect(defaultComparator('qualitative')).toBe('ge');
  });
  test('relativeComparator', () => {
    expect(relativeComparator('【前年度以上】')).toBe('ge');
    expect(relativeComparator('前年度')).toBeNull();
    expect(relativeComparator('75%以上')).toBeNull();
  });
});
