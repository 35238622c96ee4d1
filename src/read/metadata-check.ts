// The hidden metadata (_hyoka sheet) is read from a file someone sent us, so it is checked before it
// is used: a tampered year (「R0」), a numeric title or a missing field is reported for that file, in
// Japanese and English, instead of failing later (sorting years, merging plans) for the whole batch.
// Only what the readers and the consolidation rely on is checked; anything else passes through.
// (A full zod schema of the metadata is a later redesign.)
import { z } from 'zod';
import { parseFiscalYear } from '../model/fiscal-year';

const isYear = (y: string) => /^(R|H)\d{1,2}$/.test(y) && parseFiscalYear(y) !== null; // not 「R0」 nor 「H45」
const Year = z.string().refine(isYear, { message: 'fiscal year' });
const Text = z.string().min(1);
const Numbered = z.looseObject({ no: z.number().int().min(1), name: z.string() });

const MetaKpi = z.looseObject({
  no: z.number().int().min(1),
  direction: z.enum(['higher', 'lower', 'qualitative']).optional(),
  targets: z.record(Year, z.unknown()).optional(),
});

const MetaItem = z.looseObject({
  id: Text.regex(/^[^\\/?*[\]:]+$/),
  no: z.number().int().min(1),
  goal: Numbered,
  reform: Numbered,
  kpis: z.array(MetaKpi),
  referenceIndicators: z.array(z.unknown()),
  schedule: z.array(z.unknown()),
});

const Metadata = z.looseObject({
  layout: z.string().optional(),
  plan: z.looseObject({ id: Text, title: Text, baseYear: Year, years: z.array(Year).min(1).max(12) }),
  kgis: z.array(z.looseObject({ no: z.number().int().min(1), name: z.string() })),
  items: z.array(MetaItem),
});

/** What is wrong with the metadata, in both languages, or null when it can be used. */
export function metadataProblem(meta: unknown): { ja: string; en: string } | null {
  const checked = Metadata.safeParse(meta);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : '(全体)';
  const whereEn = issue.path.length ? issue.path.join('.') : '(the whole)';
  let found: unknown = meta;
  for (const key of issue.path) {
    found = found && typeof found === 'object' ? (found as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const shown = found === undefined ? null : JSON.stringify(found)?.slice(0, 40);
  if (shown === null) {
    return { ja: `メタデータの ${where} がありません（改ざんされたか壊れています）`, en: `the metadata lacks ${whereEn} (tampered with or damaged)` };
  }
  return {
    ja: `メタデータの ${where} が正しくありません（${shown}。改ざんされたか壊れています）`,
    en: `the metadata's ${whereEn} is invalid (${shown}; tampered with or damaged)`,
  };
}
