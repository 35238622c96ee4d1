import { circled, uncircle } from '../src/layout/grid';

test('circled numbers round trip, and an empty or other cell is no KPI number', () => {
  for (let n = 1; n <= 20; n++) expect(uncircle(circled(n))).toBe(n);
  expect(uncircle('')).toBeNull();
  expect(uncircle('   ')).toBeNull();
  expect(uncircle('参考')).toBeNull();
  expect(uncircle('②③')).toBe(2);
});
