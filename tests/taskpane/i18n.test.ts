// The pane's strings: one table (src/taskpane/i18n.ts); the page's Japanese text (shown before the
// script runs) equals the table's, every key exists, and JSON paths read as plain words.
import fs from 'fs';
import path from 'path';
import { pathInWords, setLanguage, t, TEXT } from '../../src/taskpane/i18n';

const HTML = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'taskpane.html'), 'utf8');

test('every data-i18n text in taskpane.html is the table’s Japanese text', () => {
  const found = [...HTML.matchAll(/data-i18n="(\w+)"[^>]*>([^<]*)</g)].map(([, key, text]) => [key, text]);
  expect(found.length).toBeGreaterThan(30);
  for (const [key, text] of found) expect([key, text]).toEqual([key, TEXT[key as keyof typeof TEXT]?.[0]]);
  for (const [, key] of HTML.matchAll(/data-i18n-aria-label="(\w+)"/g)) expect(TEXT).toHaveProperty(key);
  // Every entry has both languages, and English has no Japanese-only punctuation left behind.
  for (const [key, [ja, en]] of Object.entries(TEXT)) {
    expect([key, ja.length > 0, en.length > 0]).toEqual([key, true, true]);
    expect([key, /[。、]/.test(en)]).toEqual([key, false]);
  }
});

test('Japanese first, English for any other display language', () => {
  setLanguage('ja-JP');
  expect(t('createSample')).toBe('ワークブック作成（サンプル計画）');
  setLanguage(undefined);
  expect(t('tabCheck')).toBe('チェック');
  setLanguage('en-US');
  expect(t('tabCheck')).toBe('Check');
  expect(t('created', { sheets: 32, syncs: 7 })).toBe('Created 32 sheet(s) (7 round trips to Excel).');
  setLanguage('ja');
});

test('JSON paths in plain words', () => {
  setLanguage('ja-JP');
  expect(pathInWords('$.items[3].kpis[0].direction')).toBe('実施項目 4 件目 › 指標 1 件目 › 方向');
  expect(pathInWords('$.plan.years')).toBe('計画 › 年度');
  expect(pathInWords('$.items[0].kpis[1].targets.R2')).toBe('実施項目 1 件目 › 指標 2 件目 › 目標値 › R2');
  expect(pathInWords('$')).toBe('ファイル全体');
  setLanguage('en-US');
  expect(pathInWords('$.items[3].kpis[0].direction')).toBe('item no. 4 › KPI no. 1 › direction');
  expect(pathInWords('$.items[0]["odd key"]')).toBe('item no. 1 › odd key');
  setLanguage('ja');
});
