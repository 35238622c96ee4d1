// rateCell: the display rule's text as a number and a percent format that shows that same text.
import fc from 'fast-check';
import { rateCell } from '../../src/rules/rate-cell';
import { displayRate } from '../../src/rules/rate';

test('percents become fractions with the display decimals; grades stay literal text in the format', () => {
  expect(rateCell('59%')).toEqual({ value: 0.59, numFmt: '0%' });
  expect(rateCell('99.9%')).toEqual({ value: 0.999, numFmt: '0.0%' });
  expect(rateCell('850%')).toEqual({ value: 8.5, numFmt: '0%' });
  expect(rateCell('-12%')).toEqual({ value: -0.12, numFmt: '0%' });
  expect(rateCell('67%（B）')).toEqual({ value: 0.67, numFmt: '0%"（B）"' });
});

test('what is not a percent stays text (null)', () => {
  for (const d of ['達成', '未達成', '－', '', null, undefined, '59', '59%%', '5 9%', '67%（"x"）']) expect(rateCell(d)).toBeNull();
});

test('every display the rule can produce round-trips: the value × 100 shown with the format decimals is the text', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 2 }), (rate, decimals) => {
      const d = displayRate(rate, decimals);
      const cell = rateCell(d.text)!;
      const shownDecimals = /\.(0+)%/.exec(cell.numFmt)?.[1].length ?? 0;
      expect(`${(cell.value * 100).toFixed(shownDecimals)}%`).toBe(d.text);
    }),
  );
});
