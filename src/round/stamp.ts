// The round stamp (配布スタンプ): what the reform office wrote into each workbook it sent for a yearly
// round — which plan, round, year and department, when, and a fingerprint of everything sent. It travels
// in the hidden metadata under `round`; collect, merge and audit match returned files by it, never by
// their file name. The register (register.ts) keeps the office's own copy of what was sent.
import { z } from 'zod';
import { FiscalYear, type Plan } from '../model/plan';
import { sha256Hex } from './sha256';

/** A department (所属) as the round knows it: a code when the office's list gives one, and its display name. */
export const Department = z.object({ code: z.string().optional(), name: z.string().min(1) }).strict();
export type Department = z.infer<typeof Department>;

export const RoundStamp = z
  .object({
    version: z.literal(1),
    planId: z.string().min(1),
    /** One round of one plan: e.g. 「R5-20261202T102045Z」. */
    roundId: z.string().min(1),
    /** The year being evaluated (評価年度): only its inputs are open. */
    year: FiscalYear,
    recipient: Department,
    /** ISO 8601, UTC. */
    issuedAt: z.iso.datetime(),
    /** The items sent (Item.id), in sheet order. */
    itemIds: z.array(z.string().min(1)),
    /** SHA-256 of the canonical JSON of what was sent locked (fingerprintOf, frozenPart). */
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type RoundStamp = z.infer<typeof RoundStamp>;

/**
 * JSON with object keys sorted at every depth and undefined or null members left out (the plan model's
 * optional fields mean the same absent or null: `kgi: null`, `baseline: null`): one text for one value.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const without = <T>(map: Record<string, T> | undefined, year: string): Record<string, T> | undefined => {
  if (!map || !(year in map)) return map;
  const { [year]: _dropped, ...rest } = map;
  return rest;
};

/** An optional year map without `year`: absent once empty, as a sheet read back has it (typed, then cleared). */
const withoutOptional = <T>(map: Record<string, T> | undefined, year: string): Record<string, T> | undefined => {
  const rest = without(map, year);
  return rest && Object.keys(rest).length > 0 ? rest : undefined;
};

/**
 * A plan without the round year's inputs — what a round workbook keeps locked: targets, past years, KPI
 * definitions, headers and narrative. The inputs left open are that year's 実績 (KPIs, quarters, reference
 * indicators), its evaluation texts, its schedule 結果, its 備考 and its 目標変更 requests. A returned
 * workbook whose frozen part has the stamp's fingerprint changed nothing it should not have.
 */
export function frozenPart(plan: Plan, year: string): Plan {
  return {
    ...plan,
    items: plan.items.map((item) => ({
      ...item,
      remarks: withoutOptional(item.remarks, year),
      kpis: item.kpis.map((k) => ({
        ...k,
        actuals: without(k.actuals, year)!,
        quarterlyActuals: withoutOptional(k.quarterlyActuals, year),
        targetChangeRequests: withoutOptional(k.targetChangeRequests, year),
      })),
      referenceIndicators: item.referenceIndicators.map((r) => ({ ...r, actuals: without(r.actuals, year)! })),
      evaluations: without(item.evaluations, year)!,
      schedule: item.schedule.map((t) => ({
        ...t,
        result: without(t.result, year)!,
        resultNotes: withoutOptional(t.resultNotes, year),
      })),
    })),
  };
}

/** The fingerprint of a plan as sent for a year's round: SHA-256 of its frozen part's canonical JSON. */
export function fingerprintOf(sent: Plan, year: string): string {
  return sha256Hex(canonicalJson(frozenPart(sent, year)));
}

export type StampRead = { stamp: RoundStamp } | { problem: { ja: string; en: string } } | null;

/** The stamp in a workbook's metadata: null for a workbook not sent in a round, a problem when it is damaged. */
export function stampOf(metadata: unknown): StampRead {
  const raw = metadata && typeof metadata === 'object' ? (metadata as { round?: unknown }).round : undefined;
  if (raw === undefined) return null;
  const checked = RoundStamp.safeParse(raw);
  if (checked.success) return { stamp: checked.data };
  const where = checked.error.issues[0]?.path.join('.') || '(全体)';
  return {
    problem: {
      ja: `配布スタンプの ${where} が正しくありません（改ざんされたか壊れています）`,
      en: `the round stamp's ${where === '(全体)' ? '(whole)' : where} is invalid (tampered with or damaged)`,
    },
  };
}
