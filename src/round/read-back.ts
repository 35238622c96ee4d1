// A round is only as good as its fingerprint: collect and merge take "the frozen part reads back to the
// stamp's fingerprint" as "nothing outside the open cells changed". So each workbook is read back before
// it is sent; if the sheet cannot carry something in the plan (the DX and Yamagata sheets have no
// evaluation texts, say), the distribution stops naming it, instead of every return later showing a
// change nobody made.
import type { Plan } from '../model/plan';
import { loadWorkbook, workbookToPlan } from '../xlsx/read';
import { RoundInputError } from './departments';
import { canonicalJson, fingerprintOf, frozenPart } from './stamp';

/** The first path (items[3].evaluations.R3 …) where two values differ, null and absent counting the same. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return at || '(全体)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const found = firstDifference(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k);
    if (found) return found;
  }
  return at || '(全体)';
}

/** What assertReadsBack compares: the workbook's bytes and the plan it was built from, for a year's round. */
export interface Sent {
  bytes: Uint8Array;
  sent: Plan;
  year: string;
  /** The file's name, for messages. */
  file: string;
}

/** Refuses (RoundInputError, exit 2) a workbook whose untouched read-back has another frozen part than sent. */
export async function assertReadsBack({ bytes, sent, year, file }: Sent): Promise<void> {
  const back = workbookToPlan(await loadWorkbook(bytes, file), file);
  if (fingerprintOf(back, year) === fingerprintOf(sent, year)) return;
  const where = firstDifference(frozenPart(sent, year), frozenPart(back, year)) ?? '(全体)';
  // items[0].evaluations.R3 → 実施項目 (1) の evaluations.R3: the office knows its items by number.
  const at = /^items\[(\d+)\]\.?(.*)$/.exec(where);
  const no = at ? sent.items[Number(at[1])]?.no : undefined;
  const [ja, en] = no === undefined ? [where, where] : [`実施項目 (${no}) の ${at![2]}`, `item (${no}) ${at![2]}`];
  throw new RoundInputError(
    `${ja} はこのレイアウトのシートに載らず、読み戻すと変わります。何も書き出していません`,
    `${en} does not survive this layout's sheet (it reads back differently); nothing was written`,
    file,
  );
}
