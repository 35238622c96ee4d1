// What a returned workbook (返送ファイル) is once read against the register: the shape collect produces
// and merge, the 変更点 report and the summary consume. Built by src/round/collect.ts.
import type { Plan } from '../model/plan';
import type { Locations } from '../read/plan-reader';
import type { RegisterEntry } from './register';
import type { RoundStamp } from './stamp';
import type { Change } from './changes';

/**
 * accepted: the stamp matches a register entry, the newest file of its department;
 * superseded: an older file of a department that sent a newer one (差替);
 * refused: another plan, round or year, no stamp, a damaged stamp, or unreadable.
 */
export type ReturnStatus = 'accepted' | 'superseded' | 'refused';

export interface ReturnedFile {
  file: string;
  status: ReturnStatus;
  /** Why refused or superseded, in both languages. */
  reason?: { ja: string; en: string };
  stamp?: RoundStamp;
  /** The register entry the stamp names: what was sent. */
  entry?: RegisterEntry;
  /** The plan as the department left it, and where each value was read (sheet and cell). */
  plan?: Plan;
  locations?: Locations;
  /** When the file was last saved (docProps modified, else the file's mtime), ISO 8601. */
  savedAt?: string;
  /** SHA-256 of the file's bytes: the lineage names the exact file a value came from. */
  fileHash?: string;
  /** fingerprintOf(plan, year) equals the stamp's: nothing outside the open cells changed. */
  untouched?: boolean;
  /** 変更点: every difference from what was sent (changes.ts), errors first in document order. */
  changes?: Change[];
}
