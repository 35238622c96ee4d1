// Loading a plan file: JSON syntax errors with line and column, then every schema problem with its
// JSON path, in Japanese and English. Nothing is written when a plan is invalid.
// Before the JSON is parsed the file must be a regular file of at most PLAN_LIMITS.maxBytes (read through
// one bounded read, so a file that grows meanwhile changes nothing), and UTF-8 (a BOM is allowed): a plan
// saved as Shift_JIS would otherwise reach the workbook as U+FFFD in every Japanese string. Nesting,
// item and KPI counts are bounded before the schema check walks the data.
import { promises as fs } from 'fs';
import type { Plan } from '../model/plan';
import { parsePlan, type PlanProblem } from '../model/validate';
import { readBounded as readHandle } from '../io/read-bounded';

export const PLAN_LIMITS = {
  /** Largest plan file (bytes). A prefecture's plan is well under 1 MB. */
  maxBytes: 64 * 1024 * 1024,
  /** Deepest nesting of [ and { (the outline tree of a plan is a few levels). */
  maxDepth: 64,
  /** Most 実施項目 (items). */
  maxItems: 5_000,
  /** Most KPIs (指標) over all items. */
  maxKpis: 50_000,
};

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PlanProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s)`);
  }
}

export function formatProblems(e: PlanFileError): string {
  const lines = [`hyoka: ${e.file}: 計画ファイルに ${e.problems.length} 件の問題があります / ${e.problems.length} problem(s) in the plan file`];
  for (const p of e.problems) lines.push(`  ${p.path}: ${p.ja} / ${p.en}`);
  lines.push('何も書き出していません / nothing was written');
  return lines.join('\n') + '\n';
}

const refuse = (file: string, ja: string, en: string) => new PlanFileError(file, [{ path: '$', ja, en }]);

/** Line and column of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}行 ${offset - before.lastIndexOf('\n')}列 / line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Offset of the first byte that is not well-formed UTF-8 (overlong forms and surrogates included), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the range its second byte must fall in (Unicode Table 3-7).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) [n, lo, hi] = [3, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf];
    else if (b >= 0xf0 && b <= 0xf4) [n, lo, hi] = [4, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf];
    else return i;
    if (i + n > bytes.length) return i;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k < n; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += n;
  }
  return -1;
}

/** What the bytes look like when they are not UTF-8, for the hint. */
function guessEncoding(bytes: Uint8Array): { ja: string; en: string } | null {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return { ja: 'UTF-16 のようです', en: 'it looks like UTF-16' };
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    return { ja: 'Shift_JIS のようです', en: 'it looks like Shift_JIS' };
  } catch {
    return null;
  }
}

/** The bytes as text, or a PlanFileError naming the first byte that is not UTF-8. */
export function decodePlanBytes(bytes: Uint8Array, file: string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const bad = firstInvalidUtf8(bytes.subarray(bom));
  if (bad >= 0) {
    const offset = bad + bom;
    let line = 1;
    for (let k = 0; k < offset; k++) if (bytes[k] === 0x0a) line++;
    const guess = guessEncoding(bytes);
    const byte = `0x${bytes[offset].toString(16).padStart(2, '0')}`;
    throw refuse(
      file,
      `UTF-8 ではありません（${line}行目、先頭から ${offset} バイト目に UTF-8 でないバイト ${byte}）` +
        `${guess ? `。${guess.ja}` : ''}。UTF-8 で保存し直してください`,
      `not UTF-8 (line ${line}: byte ${byte} at offset ${offset} is not UTF-8)${guess ? `; ${guess.en}` : ''}; ` +
        'save the file as UTF-8',
    );
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(bom));
}

/** The deepest nesting of [ and { outside strings, and where it passes `limit` (or -1). One pass. */
function tooDeep(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

function checkCounts(data: unknown, file: string): void {
  const items = (data as { items?: unknown })?.items;
  if (!Array.isArray(items)) return; // the schema check says what is missing
  if (items.length > PLAN_LIMITS.maxItems) {
    const [n, max] = [items.length, PLAN_LIMITS.maxItems];
    throw refuse(file, `実施項目が多すぎます（${n} 件; 上限 ${max} 件）`, `too many items (${n}; at most ${max})`);
  }
  let kpis = 0;
  for (const item of items) {
    const list = (item as { kpis?: unknown })?.kpis;
    if (Array.isArray(list)) kpis += list.length;
  }
  if (kpis > PLAN_LIMITS.maxKpis) {
    const max = PLAN_LIMITS.maxKpis;
    throw refuse(file, `指標が多すぎます（${kpis} 件; 上限 ${max} 件）`, `too many KPIs (${kpis}; at most ${max})`);
  }
}

export function parsePlanText(text: string, file: string): Plan {
  text = text.replace(/^\uFEFF/, '');
  const deep = tooDeep(text, PLAN_LIMITS.maxDepth);
  if (deep >= 0) {
    const where = lineColumn(text, deep).split(' / ');
    const max = PLAN_LIMITS.maxDepth;
    throw refuse(file, `入れ子が深すぎます（${where[0]}; 上限 ${max} 段）`, `nested too deeply (${where[1]}; at most ${max} levels)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? lineColumn(text, Number(m[1])) : '';
    const [ja, en] = [where.split(' / ')[0] || '位置不明', where.split(' / ')[1] || (e as Error).message];
    throw refuse(file, `JSON として読めません（${ja}）`, `not valid JSON (${en})`);
  }
  checkCounts(data, file);
  let result;
  try {
    result = parsePlan(data);
  } catch (e) {
    // The schema check recursing past the stack: say so rather than crash.
    if (e instanceof RangeError) {
      throw refuse(file, '計画ファイルが大きすぎるか複雑すぎて検査できません', 'the plan is too large or too complex to check');
    }
    throw e;
  }
  if (!result.ok) throw new PlanFileError(file, result.problems);
  return result.plan;
}

/** The file's bytes: a regular file of at most maxBytes, read through one handle (no second open, no growth). */
async function readBounded(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refuse(file, 'ファイルではありません（フォルダーなど）', 'not a regular file (a folder?)');
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const tooLarge = (size: number) =>
      refuse(
        file,
        `計画ファイルが大きすぎます（${mb(size)}; 上限 ${mb(PLAN_LIMITS.maxBytes)}）`,
        `the plan file is too large (${mb(size)}; at most ${mb(PLAN_LIMITS.maxBytes)})`,
      );
    if (stat.size > PLAN_LIMITS.maxBytes) throw tooLarge(stat.size);
    const bytes = await readHandle(handle, stat.size, PLAN_LIMITS.maxBytes);
    if (bytes.length > PLAN_LIMITS.maxBytes) throw tooLarge(bytes.length);
    if (bytes.length > stat.size) throw refuse(file, '読み込み中にファイルが変わりました', 'the file changed while it was read');
    return bytes;
  } finally {
    await handle.close();
  }
}

export async function loadPlanFile(file: string): Promise<Plan> {
  return parsePlanText(decodePlanBytes(await readBounded(file), file), file);
}
