// What the command line prints when a command fails, and its exit code. Nothing a user can cause ends in
// a stack trace: known errors print `hyoka: <file>[ [sheet!cell]]: ja / en`, anything else a short
// bilingual "internal error" line (HYOKA_DEBUG=1 adds the stack).
import { errnoMessage } from '../io/errno';
import { PlanFileError, formatProblems } from './plan-file';

/** Exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** audit found something (a finding, an evaluation problem). */
  findings: 1,
  /** bad input: a file that cannot be read, a wrong option, an output that would overwrite an input. */
  badInput: 2,
  /** a bug in hyoka. */
  internal: 3,
} as const;

/** A refusal the user can act on: what, where, in Japanese and English. */
export class CliError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
    readonly file: string | null = null,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(`${file ? `${file}: ` : ''}${ja} / ${en}`);
  }
}

interface Bilingual {
  ja: string;
  en: string;
  file?: unknown;
  sheet?: unknown;
  cell?: unknown;
}

function isBilingual(e: unknown): e is Bilingual {
  const b = e as Bilingual;
  return typeof e === 'object' && e !== null && typeof b.ja === 'string' && typeof b.en === 'string';
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** `file [sheet!cell]: ja / en` for any error that carries ja and en (WorkbookReadError, UnreadableWorkbookError …). */
export function placeOf(e: Bilingual): string {
  const file = str(e.file);
  const sheet = str(e.sheet);
  const cell = str(e.cell);
  const where = sheet ? ` [${sheet}${cell ? `!${cell}` : ''}]` : '';
  return `${file ? `${file}${where}: ` : ''}${e.ja} / ${e.en}`;
}

/** The lines to print for an error thrown by a command, and the exit code. */
export function describeFailure(e: unknown, debug: boolean): { text: string; code: number } {
  if (e instanceof PlanFileError) return { text: formatProblems(e), code: EXIT.badInput };
  if (e instanceof CliError) return { text: `hyoka: ${placeOf(e)}\n`, code: e.exitCode };
  if (isBilingual(e)) return { text: `hyoka: ${placeOf(e)}\n`, code: EXIT.badInput };
  const errno = errnoMessage(e);
  if (errno) {
    const file = errno.path ?? '';
    return { text: `hyoka: ${file ? `${file}: ` : ''}${errno.ja} / ${errno.en} (${errno.code})\n`, code: EXIT.badInput };
  }
  if (e instanceof Error && e.name === 'LibreOfficeError') {
    return { text: `hyoka: ${e.message}\n`, code: EXIT.badInput };
  }
  const summary = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0].slice(0, 200)}` : String(e).slice(0, 200);
  const hint = debug
    ? `\n${e instanceof Error ? e.stack : String(e)}`
    : '\n詳細は HYOKA_DEBUG=1 を付けて実行 / run with HYOKA_DEBUG=1 for details';
  const line = 'hyoka: 内部エラーです（不具合の可能性があります） / internal error (probably a bug in hyoka)';
  return { text: `${line}: ${summary}${hint}\n`, code: EXIT.internal };
}
