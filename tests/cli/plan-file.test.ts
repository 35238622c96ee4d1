// Plan files are UTF-8 (with or without a BOM), regular files of at most 64 MB, nested at most 64 levels,
// with at most PLAN_LIMITS items and KPIs. Anything else is refused with a message in Japanese and
// English — for an encoding, the byte offset of the first byte that is not UTF-8 and a hint — exit 2,
// nothing written.
import { promises as fs } from 'fs';
import * as path from 'path';
import { firstInvalidUtf8, PLAN_LIMITS } from '../../src/cli/plan-file';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir, expectNoStack } from './support';

let dir: string;
let plan: string;

beforeAll(async () => {
  dir = await tempDir('hyoka-plan-');
  plan = await fs.readFile(BUNDLED, 'utf8');
});

/** Shift_JIS bytes of a string of kana and ASCII (enough for a test plan: あ-ん are 0x82 0x9F-0xF1). */
function shiftJis(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c >= 0x3041 && c <= 0x3093) bytes.push(0x82, 0x9f + (c - 0x3041));
    else throw new Error(`no Shift_JIS for ${ch}`);
  }
  return Buffer.from(bytes);
}

async function validate(name: string, bytes: Buffer | string) {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  const r = await hyoka(['validate', file]);
  expectNoStack(r.err);
  return { ...r, file };
}

test('a Shift_JIS plan is refused: offset of the first bad byte, hint to save as UTF-8, Shift_JIS', async () => {
  const text = plan.replace(/"title": "[^"]*"/, '"title": "ひょうか"').replace(/[^\x00-\x7fぁ-ん]/g, '?');
  const offset = text.indexOf('ひょうか'); // everything before is ASCII: one byte a character
  const r = await validate('sjis.json', shiftJis(text));
  expect(r.code).toBe(2);
  expect(r.err).toContain(`先頭から ${offset} バイト目`);
  expect(r.err).toContain(`at offset ${offset}`);
  expect(r.err).toContain('UTF-8 で保存し直してください');
  expect(r.err).toContain('save the file as UTF-8');
  expect(r.err).toContain('Shift_JIS');
  const g = await hyoka(['generate', r.file, '-o', path.join(dir, 'sjis.xlsx')]);
  expect(g.code).toBe(2);
  await expect(fs.stat(path.join(dir, 'sjis.xlsx'))).rejects.toMatchObject({ code: 'ENOENT' });
});

test('one stray Latin-1 byte in a UTF-8 plan: refused at that byte, with its line', async () => {
  const at = plan.indexOf('\n', 200) + 1;
  const before = Buffer.from(plan.slice(0, at));
  const bytes = Buffer.concat([before, Buffer.from([0xe9]), Buffer.from(plan.slice(at))]);
  const line = plan.slice(0, at).split('\n').length;
  const r = await validate('latin1.json', bytes);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`${line}行目、先頭から ${before.length} バイト目に UTF-8 でないバイト 0xe9`);
  expect(r.err).toContain(`line ${line}: byte 0xe9 at offset ${before.length} is not UTF-8`);
});

test('UTF-8 with and without a BOM is read; UTF-16 is refused with its name', async () => {
  expect((await validate('plain.json', plan)).code).toBe(0);
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  expect((await validate('bom.json', Buffer.concat([bom, Buffer.from(plan)]))).code).toBe(0);
  const utf16 = await validate('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan, 'utf16le')]));
  expect(utf16.code).toBe(2);
  expect(utf16.err).toContain('UTF-16');
});

test('firstInvalidUtf8: overlong forms, surrogates, code points past U+10FFFF and cut sequences are found', () => {
  expect(firstInvalidUtf8(Buffer.from('評価 ok 𠮷'))).toBe(-1);
  expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1); // overlong "/"
  expect(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // a surrogate
  expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
  expect(firstInvalidUtf8(Buffer.from([0x41, 0xe8, 0xa9]))).toBe(1); // cut short
  expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0); // a continuation byte alone
});

test('a plan over 64 MB is refused before it is read (a sparse file), naming the limit', async () => {
  const file = path.join(dir, 'huge.json');
  await fs.writeFile(file, '');
  await fs.truncate(file, PLAN_LIMITS.maxBytes + 1);
  const r = await hyoka(['validate', file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('計画ファイルが大きすぎます');
  expect(r.err).toContain('at most 64.0 MB');
  expectNoStack(r.err);
});

test('a folder given as the plan is refused as not a file', async () => {
  const r = await hyoka(['validate', dir]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/ファイルではありません|フォルダー/);
  expectNoStack(r.err);
});

test('100,000 nested [ (and a deep object): refused with where, no stack overflow', async () => {
  const r = await validate('deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
  expect(r.code).toBe(2);
  expect(r.err).toContain('入れ子が深すぎます');
  expect(r.err).toContain(`line 1, column ${PLAN_LIMITS.maxDepth + 1}`);
  const obj = await validate('deep-obj.json', '{"plan":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_001));
  expect(obj.code).toBe(2);
  expect(obj.err).toContain('nested too deeply');
});

test('a bracket inside a string does not count as nesting', async () => {
  const data = JSON.parse(plan);
  data.plan.title = '['.repeat(500) + '{"\\"';
  expect((await validate('brackets.json', JSON.stringify(data))).code).toBe(0);
});

test('more items or KPIs than the limits: refused with the counts, before the schema check', async () => {
  const data = JSON.parse(plan);
  const items = Array.from({ length: PLAN_LIMITS.maxItems + 1 }, () => ({}));
  const r = await validate('many-items.json', JSON.stringify({ ...data, items }));
  expect(r.code).toBe(2);
  expect(r.err).toContain(`実施項目が多すぎます（${PLAN_LIMITS.maxItems + 1} 件`);
  expect(r.err).toContain(`too many items (${PLAN_LIMITS.maxItems + 1}; at most ${PLAN_LIMITS.maxItems})`);
  const tenth = () => Array.from({ length: PLAN_LIMITS.maxKpis / 10 }, () => ({}));
  const kpis = Array.from({ length: 11 }, () => ({ kpis: tenth() }));
  const k = await validate('many-kpis.json', JSON.stringify({ ...data, items: kpis }));
  expect(k.code).toBe(2);
  expect(k.err).toContain(`too many KPIs (${(PLAN_LIMITS.maxKpis / 10) * 11}; at most ${PLAN_LIMITS.maxKpis})`);
});
