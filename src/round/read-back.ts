// A round is only as good as its fingerprint: collect and merge take "the frozen part reads back to the
// stamp's fingerprint" as "nothing outside the open cells changed". So each workbook is read back before
// it is sent; if the sheet cannot carry something in the plan (the DX and Yamagata sheets have no
// evaluation texts, say), the distribution stops naming it, instead of every return later showing a
// change nobody made.
import type { Plan } from '../model/plan';
import { loadWorkbook, workbookToPlan } from '../xlsx/read';
import { RoundInputError } from './departments';
import { fingerprintOf, frozenPart } from './stamp';
import { planDifferences } from './plan-diff';

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
  // The first difference, as planDifferences names it (items by id): 実施項目 (1) の evaluations.R3.
  const [first] = planDifferences(frozenPart(sent, year), frozenPart(back, year));
  const [top, id, ...rest] = first?.path ?? [];
  const no = top === 'items' ? sent.items.find((i) => i.id === id)?.no : undefined;
  const where = first ? first.path.join('.') : '(全体)';
  const field = rest.join('.');
  const [ja, en] = no === undefined ? [where, where] : [`実施項目 (${no}) の ${field}`, `item (${no}) ${field}`];
  throw new RoundInputError(
    `${ja} はこのレイアウトのシートに載らず、読み戻すと変わります。何も書き出していません`,
    `${en} does not survive this layout's sheet (it reads back differently); nothing was written`,
    file,
  );
}
