// The round stamp's parts: SHA-256 as Node computes it, one canonical text per value, and the stamp
// carried through a written workbook's hidden metadata and read back (damaged stamps named, not trusted).
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sha256Hex } from '../../src/round/sha256';
import { canonicalJson, fingerprintOf, stampOf, type RoundStamp } from '../../src/round/stamp';
import { parsePlan } from '../../src/model/validate';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookMetadata, workbookToPlan } from '../../src/xlsx/read';

test.each(['', 'abc', 'あ'.repeat(1000), '𠮷野家\u0000\n', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64)])('sha256 of %j agrees with Node', (text) => {
  expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
});

test('canonical JSON: key order and undefined do not change the text; values do', () => {
  expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe(canonicalJson({ a: [1, { c: 'x' }], b: 1 }));
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 1.5 }));
  expect(canonicalJson({ kgi: null, b: [null] })).toBe(canonicalJson({ b: [null] }));
});

const seed = async () => {
  const parsed = parsePlan(JSON.parse(await fs.readFile(path.join(__dirname, '../../seeds/gunma-2020.json'), 'utf8')));
  if (!parsed.ok) throw new Error('seed');
  return parsed.plan;
};

test("a target changed by 1 changes the fingerprint; the round year's actuals and texts do not", async () => {
  const plan = await seed();
  const changed = structuredClone(plan);
  const kpi = changed.items.flatMap((i) => i.kpis).find((k) => typeof Object.values(k.targets)[0] === 'number')!;
  const year = Object.keys(kpi.targets)[0];
  kpi.targets[year] = (kpi.targets[year] as number) + 1;
  expect(fingerprintOf(changed, 'R2')).not.toBe(fingerprintOf(plan, 'R2'));
  expect(fingerprintOf(structuredClone(plan), 'R2')).toBe(fingerprintOf(plan, 'R2'));
  const filled = structuredClone(plan);
  filled.items[0].kpis[0].actuals.R2 = 12345;
  filled.items[0].evaluations.R2 = { factors: '要因' };
  expect(fingerprintOf(filled, 'R2')).toBe(fingerprintOf(plan, 'R2'));
  filled.items[0].kpis[0].actuals.R1 = 1;
  expect(fingerprintOf(filled, 'R2')).not.toBe(fingerprintOf(plan, 'R2'));
});

test('the stamp travels in the hidden metadata and is read back; a damaged one is named', async () => {
  const plan = await seed();
  const stamp: RoundStamp = {
    version: 1, planId: plan.plan.id, roundId: 'R2-20261202T000000Z', year: 'R2', recipient: { code: '01', name: '総務課' },
    issuedAt: '2026-12-02T00:00:00Z', itemIds: plan.items.map((i) => i.id), fingerprint: fingerprintOf(plan, 'R2'),
  };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-stamp-'));
  try {
    const file = path.join(dir, 'sent.xlsx');
    await writeWorkbookFile(buildWorkbookLayout(plan, undefined, { round: stamp }), file);
    const wb = await loadWorkbook(file);
    expect(stampOf(workbookMetadata(wb, file))).toEqual({ stamp });
    // An untouched workbook reads back to the same frozen part: its fingerprint is the stamp's.
    expect(fingerprintOf(workbookToPlan(wb, file), 'R2')).toBe(stamp.fingerprint);
    expect(stampOf({})).toBeNull();
    const damaged = stampOf({ round: { ...stamp, year: 'R0' } });
    expect(damaged && 'problem' in damaged && damaged.problem.ja).toContain('year');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("a round year's 目標変更, 備考 or 結果 note typed where there was none leaves the fingerprint as sent", async () => {
  const plan = await seed();
  const typed = structuredClone(plan);
  typed.items[0].remarks = { R2: '備考' };
  typed.items[0].kpis[0].targetChangeRequests = { R2: { value: 14, reason: '理由' } };
  typed.items[0].schedule[0].resultNotes = { R2: { '1': 'メモ' } };
  expect(fingerprintOf(typed, 'R2')).toBe(fingerprintOf(plan, 'R2'));
  typed.items[0].remarks.R1 = '前年';
  expect(fingerprintOf(typed, 'R2')).not.toBe(fingerprintOf(plan, 'R2'));
});
