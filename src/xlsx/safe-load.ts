// Opening a workbook someone sent us, without trusting it. Every command and the task pane open
// workbooks only here. Before exceljs sees a byte:
//   - the file must be a regular file (a link to one is fine): a device, FIFO or socket is refused
//     before a byte is read, and the file is read from one handle (opened non-blocking, then fstat),
//     never more than its size limit, so a file swapped or growing between stat and read changes nothing;
//   - it must be a zip (an .xlsx), not a text file or an OLE compound file (what Excel writes for a
//     password-protected workbook, and for a legacy .xls);
//   - the zip must be whole (central directory present, every entry inflating to its CRC);
//   - the zip must not be a decompression bomb: entry count, total inflated size and the inflation
//     ratio of each entry are bounded, and inflation stops as soon as a bound is passed (the sizes a
//     zip declares are checked first, but never trusted);
//   - nothing exceljs would expand may be absurd (see checkWorksheet, checkSharedStrings, checkStyles):
//     row numbers and cell columns, merged ranges (exceljs materialises them cell by cell, and checks
//     each merge against every other), the number of cells, shared strings and styles; <col min max>
//     and <row spans> past the column limit are clamped (they only format empty columns), empty rows
//     past the row limit are dropped (LibreOffice writes an empty <row r="1048576"> after a row is
//     deleted), and a declared <dimension> past the limits is dropped (it is a claim, not content);
//   - <dataValidations> are removed from every worksheet: exceljs expands a rule over A:A into one
//     entry per cell (a million objects per whole-column rule). Reading a workbook never needs them.
// Then exceljs loads the sanitised entries (re-packed uncompressed, so nothing is inflated twice).
// Every refusal is an UnreadableWorkbookError naming the file and saying why, in Japanese and English
// (library detail, when there is any, only in the English part).
//
// Two entry points: openWorkbook(file) for the command line, and openWorkbookBytes(name, bytes) for
// bytes already in memory (the task pane's picked files: checkFileSize first, with the File's size,
// then read). Both run the same checks on the bytes.
// Nothing on the bytes path needs Node: Buffer is used when there is one (Node; byte-identical results,
// and native speed for the latin1 round trip), plain Uint8Array code otherwise (a browser).
import { constants as fsConstants, promises as fs, type Stats } from 'fs';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { WorkbookReadError } from '../read/plan-reader';
import { checkCounts, checkWorksheetText, RefusedXml, type Tally } from './bounded-xml';
import { readBounded } from '../io/read-bounded';
import './exceljs-booleans';

export interface LoadLimits {
  /** Largest file read at all (bytes). Default 50 MB. */
  maxFileBytes: number;
  /** Most zip entries. Default 10,000. */
  maxEntries: number;
  /** Largest total inflated size of all entries (bytes). Default 256 MB. */
  maxUncompressedBytes: number;
  /** Largest inflation ratio of one entry, once it has inflated past ratioFloorBytes. Default 200. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio. Default 8 MB. */
  ratioFloorBytes: number;
  /** Most rows a worksheet may reach (a row holding cells, a merged range). Default 100,000. */
  maxRows: number;
  /** Most columns a worksheet may reach (a cell, a merged range). Default 1,000. */
  maxColumns: number;
  /**
   * Most cells exceljs may hold in the whole workbook: the cells written plus every cell merged ranges
   * cover (exceljs makes an object of each, about 1 KB). Default 800,000 (the largest real input, a
   * 300-item gunma-dx plan, has 389,119 cells and 170,260 merged: 560,000).
   */
  maxCells: number;
  /** Most merged ranges in one worksheet (exceljs checks each against every other). Default 2,000 (real: ≤ 422). */
  maxMergesPerSheet: number;
  /** Most cells the merged ranges of one worksheet cover. Default 100,000 (real: ≤ 2,871). */
  maxMergedCellsPerSheet: number;
  /** Most cells the merged ranges of the whole workbook cover. Default 500,000 (real: ≤ 188,461). */
  maxMergedCells: number;
  /** Most shared strings (<si> in xl/sharedStrings.xml). Default 500,000 (real: ≤ 1,465). */
  maxSharedStrings: number;
  /** Most cell formats (<xf> in <cellXfs>). Default 65,000 (Excel itself allows 64,000; real: ≤ 70). */
  maxStyles: number;
}

export const DEFAULT_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 8 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 1_000,
  maxCells: 800_000,
  maxMergesPerSheet: 2_000,
  maxMergedCellsPerSheet: 100_000,
  maxMergedCells: 500_000,
  maxSharedStrings: 500_000,
  maxStyles: 65_000,
});

export type UnreadableReason =
  | 'not-found' // no such file
  | 'not-a-file' // a folder, a device …
  | 'too-large' // over maxFileBytes
  | 'not-a-zip' // an empty file, a text file named .xlsx …
  | 'encrypted' // an OLE compound file: a password-protected workbook (or a legacy .xls)
  | 'corrupt' // a truncated or damaged zip, or XML exceljs cannot read
  | 'bomb' // too many entries, too large inflated, or an absurd inflation ratio
  | 'dimension' // a worksheet reaching absurdly far (a row, a cell, a merged range)
  | 'too-complex' // more cells, merged ranges, shared strings or styles than any real workbook holds
  | 'not-a-workbook'; // a zip without xl/workbook.xml (a .docx renamed, say)

/**
 * A file refused before (or while) loading. A WorkbookReadError (file, sheet, cell, ja, en), so
 * whatever reports those reports these; `message` is `file: ja / en`.
 */
export class UnreadableWorkbookError extends WorkbookReadError {
  override readonly name = 'UnreadableWorkbookError';
  constructor(
    file: string,
    readonly reason: UnreadableReason,
    ja: string,
    en: string,
    /** The worksheet concerned, when there is one (an absurd range). */
    sheet: string | null = null,
    /** The zip entry concerned, when there is one. */
    readonly entry: string | null = null,
  ) {
    super(file, sheet, null, ja, en);
    this.message = `${file}: ${ja} / ${en}`;
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const fmt = (n: number) => n.toLocaleString('en-US');

/** What JSZip keeps about an entry it has not inflated yet (stable since JSZip 3.0; used for the pre-check only). */
interface DeclaredSizes {
  compressedSize?: number;
  uncompressedSize?: number;
  crc32?: number;
}
function declared(entry: JSZip.JSZipObject): DeclaredSizes {
  const data = (entry as unknown as { _data?: DeclaredSizes })._data;
  return data && typeof data === 'object' ? data : {};
}

// ---------------------------------------------------------------------------------------------------
// Bytes, with or without Node's Buffer (the task pane parses picked files in the browser).

/** Node's Buffer when there is one (looked up, not imported: a browser has none). */
const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer;

function concatBytes(chunks: Uint8Array[], size: number): Uint8Array {
  if (NodeBuffer) return NodeBuffer.concat(chunks, size);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Bytes as latin1 text: one character per byte, so the XML patterns (all ASCII) see every byte. */
function latin1Text(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function latin1Bytes(text: string): Uint8Array {
  if (NodeBuffer) return NodeBuffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

let crcTable: Uint32Array | null = null;
/** CRC-32 (the zip one), incremental, unsigned: the same value as zlib.crc32. */
function crc32Fallback(data: Uint8Array, value = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** zlib.crc32 where Node has it (20.15+), the table above otherwise (older Node, a browser). */
const crc32: (data: Uint8Array, value?: number) => number = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32 ?? crc32Fallback;

/**
 * Inflates one entry through JSZip's streaming interface, counting bytes as they come: stops (and
 * refuses the file) the moment the entry's ratio or the workbook's running total passes its bound.
 */
function inflateBounded(
  file: string,
  entry: JSZip.JSZipObject,
  limits: LoadLimits,
  budget: { used: number },
): Promise<Uint8Array> {
  const compressed = Math.max(1, declared(entry).compressedSize ?? 1);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let crc = 0;
    let done = false;
    const helper = (entry as unknown as { internalStream(type: 'uint8array'): StreamHelper }).internalStream('uint8array');
    const stop = (e: Error) => {
      if (done) return;
      done = true;
      helper.pause();
      reject(e);
    };
    helper
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        size += chunk.length;
        budget.used += chunk.length;
        if (budget.used > limits.maxUncompressedBytes) {
          stop(bomb(file, `展開後の合計サイズが上限 ${MB(limits.maxUncompressedBytes)} を超えます（${entry.name} の途中で中止）`, `inflated size passes the limit of ${MB(limits.maxUncompressedBytes)} (stopped inside ${entry.name})`, entry.name));
          return;
        }
        if (size > limits.ratioFloorBytes && size / compressed > limits.maxRatio) {
          stop(bomb(file, `${entry.name} の圧縮率が異常です（${fmt(compressed)} バイトが ${fmt(size)} バイト以上に展開）`, `${entry.name} inflates absurdly (${fmt(compressed)} bytes to more than ${fmt(size)} bytes)`, entry.name));
          return;
        }
        crc = crc32(chunk, crc);
        chunks.push(chunk);
      })
      .on('error', (e: Error) => stop(corrupt(file, `${entry.name} を展開できません`, `cannot inflate ${entry.name} (${detail(e)})`, entry.name)))
      .on('end', () => {
        if (done) return;
        const expected = declared(entry).crc32;
        if (typeof expected === 'number' && (expected >>> 0) !== (crc >>> 0)) {
          stop(corrupt(file, `${entry.name} が壊れています（CRC が一致しません）`, `${entry.name} is damaged (CRC mismatch)`, entry.name));
          return;
        }
        done = true;
        resolve(concatBytes(chunks, size));
      })
      .resume();
  });
}

interface StreamHelper {
  on(event: 'data', cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', cb: (e: Error) => void): StreamHelper;
  on(event: 'end', cb: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

function bomb(file: string, ja: string, en: string, entry: string | null = null) {
  return new UnreadableWorkbookError(file, 'bomb', `展開すると巨大になる zip（解凍爆弾）です: ${ja}`, `a decompression bomb: ${en}`, null, entry);
}
/** A library's message, first line only, without JSZip's pointer to its documentation: English part only. */
function detail(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].replace(/\s*If it is, see https?:\/\/\S+/, '').slice(0, 200);
}
function corrupt(file: string, ja: string, en: string, entry: string | null = null) {
  return new UnreadableWorkbookError(file, 'corrupt', `ファイルが壊れているか途中で切れています: ${ja}`, `the file is damaged or truncated: ${en}`, null, entry);
}

/** Worksheet entry → sheet name, from xl/workbook.xml and its rels (for messages only). */
function sheetNames(entries: Map<string, Uint8Array>): Map<string, string> {
  const out = new Map<string, string>();
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const wbXml = wb && utf8Text(wb);
  const relsXml = rels && utf8Text(rels);
  if (!wbXml || !relsXml) return out;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name && target) out.set(target, unescapeXml(name));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
}

/** The sanitised worksheet (see bounded-xml.ts), or the refusal, naming the file and the sheet. */
function checkWorksheet(file: string, entryName: string, sheet: string | null, xml: Uint8Array, limits: LoadLimits, tally: Tally): Uint8Array {
  const s = latin1Text(xml);
  const where = sheet ? { ja: `シート「${sheet}」`, en: `sheet "${sheet}"` } : { ja: entryName, en: entryName };
  let out: string;
  try {
    out = checkWorksheetText(s, where, limits, tally);
  } catch (e) {
    if (!(e instanceof RefusedXml)) throw e;
    throw new UnreadableWorkbookError(file, e.refusal.reason, e.refusal.ja, e.refusal.en, sheet, entryName);
  }
  return out === s ? xml : latin1Bytes(out);
}

function checkEntryCounts(file: string, entryName: string, kind: 'strings' | 'styles', xml: Uint8Array, limits: LoadLimits): void {
  try {
    checkCounts(kind, latin1Text(xml), limits);
  } catch (e) {
    if (!(e instanceof RefusedXml)) throw e;
    throw new UnreadableWorkbookError(file, e.refusal.reason, e.refusal.ja, e.refusal.en, null, entryName);
  }
}

const WORKSHEET_RE = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Refuses a file whose size passes the limit, before it is read: the command line checks the size
 * stat gives, the task pane the size of a picked File.
 */
export function checkFileSize(file: string, size: number, options: Partial<LoadLimits> = {}): void {
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options };
  if (size > limits.maxFileBytes) {
    throw new UnreadableWorkbookError(file, 'too-large', `ファイルが大きすぎます（${MB(size)}; 上限 ${MB(limits.maxFileBytes)}）`, `the file is too large (${MB(size)}; limit ${MB(limits.maxFileBytes)})`);
  }
}

/**
 * The sanitised entries of a workbook file, checked as described at the top (Buffers). Exposed for
 * the benchmark and the tests; openWorkbook is what callers want.
 */
export async function readWorkbookEntries(file: string, options: Partial<LoadLimits> = {}): Promise<Map<string, Buffer>> {
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options };
  // Under Node every entry is a Buffer (concatBytes and latin1Bytes make Buffers when there is one).
  return (await readWorkbookBytes(file, await readRegularFile(file, limits), limits)) as Map<string, Buffer>;
}

type Kind = Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;
const KINDS: [(s: Kind) => boolean, string, string][] = [
  [(s) => s.isDirectory(), 'フォルダーです', 'a folder'],
  [(s) => s.isFIFO(), '名前付きパイプ（FIFO）です', 'a named pipe (FIFO)'],
  [(s) => s.isSocket(), 'ソケットです', 'a socket'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'デバイスです（/dev/zero などへのリンク?）', 'a device (a link to /dev/zero or the like?)'],
];

/** Why a path is not a regular file, in both languages (stat or fstat said so). */
function notAFile(file: string, stat: Kind) {
  const [, ja, en] = KINDS.find(([is]) => is(stat)) ?? [null, 'ファイルの種類が不明です', 'of an unknown kind'];
  return new UnreadableWorkbookError(file, 'not-a-file', `通常のファイルではありません（${ja}）`, `not a regular file (${en})`);
}

function cannotOpen(file: string, e: unknown) {
  const code = (e as NodeJS.ErrnoException).code;
  const refuse = (reason: UnreadableReason, ja: string, en: string) => new UnreadableWorkbookError(file, reason, ja, en);
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('not-found', 'ファイルが見つかりません', 'file not found');
  if (code === 'EACCES' || code === 'EPERM') return refuse('not-a-file', 'ファイルを開く権限がありません', 'permission denied');
  if (code === 'ELOOP') return refuse('not-a-file', 'リンクが循環しています', 'a symbolic link loop');
  return refuse('not-a-file', 'ファイルを開けません', `cannot open the file (${code ?? detail(e)})`);
}

/**
 * The bytes of a regular file (a link to one is fine), never more than maxFileBytes. stat first (a
 * device or FIFO is refused before it is opened), then one non-blocking handle, checked again with
 * fstat (the path may have changed), read up to the limit: a file growing meanwhile is refused too.
 */
async function readRegularFile(file: string, limits: LoadLimits): Promise<Buffer> {
  const before = await fs.stat(file).catch((e: unknown) => {
    throw cannotOpen(file, e);
  });
  if (!before.isFile()) throw notAFile(file, before);
  checkFileSize(file, before.size, limits);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    throw cannotOpen(file, e);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notAFile(file, stat);
    checkFileSize(file, stat.size, limits);
    const bytes = await readBounded(handle, stat.size, limits.maxFileBytes);
    const length = bytes.length;
    if (length > stat.size) {
      // It grew while being read (still being written, or not a file at all): never more than the limit.
      checkFileSize(file, length, limits);
      throw new UnreadableWorkbookError(file, 'corrupt', '読み込み中にファイルが変わりました（保存中?）', 'the file changed while it was read (still being saved?)');
    }
    return bytes;
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    const why = (e as NodeJS.ErrnoException).code ?? detail(e);
    throw new UnreadableWorkbookError(file, 'not-a-file', 'ファイルを読めません', `cannot read the file (${why})`);
  } finally {
    await handle.close();
  }
}

/**
 * The sanitised entries of a workbook given as bytes (a file already read, a picked File's
 * ArrayBuffer): every check of the top of this file but the ones on the file system. `file` names it
 * in messages.
 */
export async function readWorkbookBytes(file: string, data: ArrayBuffer | Uint8Array, options: Partial<LoadLimits> = {}): Promise<Map<string, Uint8Array>> {
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options };
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length > limits.maxFileBytes) throw new UnreadableWorkbookError(file, 'too-large', `ファイルが大きすぎます（${MB(bytes.length)}）`, `the file is too large (${MB(bytes.length)})`);
  if (bytes.length >= 8 && OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new UnreadableWorkbookError(
      file,
      'encrypted',
      'パスワードで保護された（暗号化された）ブックは読めません。パスワードを解除して保存し直してください（旧形式の .xls の場合は .xlsx で保存し直してください）',
      'password-protected workbooks cannot be read: remove the password and save again (or, if it is a legacy .xls file, save it as .xlsx)',
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const looksText = bytes.length > 0 && bytes.subarray(0, Math.min(bytes.length, 512)).every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
    throw new UnreadableWorkbookError(
      file,
      'not-a-zip',
      bytes.length === 0 ? '空のファイルです（.xlsx ではありません）' : `.xlsx（zip）ではありません${looksText ? '（テキストファイルのようです）' : ''}`,
      bytes.length === 0 ? 'the file is empty (not an .xlsx)' : `not an .xlsx (zip) file${looksText ? ' (it looks like a text file)' : ''}`,
    );
  }

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false });
  } catch (e) {
    throw corrupt(file, 'zip の目次を読めません', `cannot read the zip directory (${detail(e)})`);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.maxEntries) throw bomb(file, `zip の項目が多すぎます（${fmt(files.length)}; 上限 ${fmt(limits.maxEntries)}）`, `too many zip entries (${fmt(files.length)}; limit ${fmt(limits.maxEntries)})`);
  // The sizes the zip declares: refuse an obvious bomb before inflating anything.
  let declaredTotal = 0;
  for (const f of files) {
    const d = declared(f);
    const size = d.uncompressedSize ?? 0;
    declaredTotal += size;
    if (size > limits.ratioFloorBytes && size / Math.max(1, d.compressedSize ?? 1) > limits.maxRatio) {
      throw bomb(file, `${f.name} は ${fmt(d.compressedSize ?? 0)} バイトから ${fmt(size)} バイトに展開されると宣言しています`, `${f.name} declares ${fmt(d.compressedSize ?? 0)} bytes inflating to ${fmt(size)}`, f.name);
    }
  }
  if (declaredTotal > limits.maxUncompressedBytes) {
    throw bomb(file, `展開後の合計 ${MB(declaredTotal)} が上限 ${MB(limits.maxUncompressedBytes)} を超えます`, `declared inflated total ${MB(declaredTotal)} passes the limit of ${MB(limits.maxUncompressedBytes)}`);
  }
  if (!zip.files['xl/workbook.xml']) {
    throw new UnreadableWorkbookError(file, 'not-a-workbook', 'Excel のブックではありません（xl/workbook.xml がありません）', 'not an Excel workbook (no xl/workbook.xml in the zip)');
  }

  const entries = new Map<string, Uint8Array>();
  const budget = { used: 0 };
  for (const f of files) entries.set(f.name, await inflateBounded(file, f, limits, budget));
  const names = sheetNames(entries);
  const tally: Tally = { cells: 0, merged: 0 };
  for (const [name, xml] of entries) {
    if (WORKSHEET_RE.test(name)) entries.set(name, checkWorksheet(file, name, names.get(name) ?? null, xml, limits, tally));
    else if (name === 'xl/sharedStrings.xml') checkEntryCounts(file, name, 'strings', xml, limits);
    else if (name === 'xl/styles.xml') checkEntryCounts(file, name, 'styles', xml, limits);
  }
  return entries;
}

/**
 * Opens a workbook without ever loading an unbounded file: see the top of this file. Throws
 * UnreadableWorkbookError (with the file name and the reason in Japanese and English) on refusal.
 */
export async function openWorkbook(file: string, limits: Partial<LoadLimits> = {}): Promise<ExcelJS.Workbook> {
  return (await openWorkbookAndBytes(file, limits)).workbook;
}

/** openWorkbook, and the bytes it was read from, read once (the audit hashes them: a figure's source file). */
export async function openWorkbookAndBytes(file: string, options: Partial<LoadLimits> = {}): Promise<{ workbook: ExcelJS.Workbook; bytes: Uint8Array }> {
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options };
  const bytes = await readRegularFile(file, limits);
  return { workbook: await loadEntries(file, await readWorkbookBytes(file, bytes, limits)), bytes };
}

/**
 * Opens a workbook from its bytes with the same checks (the task pane's picked files; call
 * checkFileSize with the file's size before reading it). `file` names it in messages.
 */
export async function openWorkbookBytes(file: string, data: ArrayBuffer | Uint8Array, limits: Partial<LoadLimits> = {}): Promise<ExcelJS.Workbook> {
  return loadEntries(file, await readWorkbookBytes(file, data, limits));
}

/** exceljs loads the sanitised entries, re-packed uncompressed (nothing is inflated twice). */
async function loadEntries(file: string, entries: Map<string, Uint8Array>): Promise<ExcelJS.Workbook> {
  const repacked = new JSZip();
  for (const [name, data] of entries) repacked.file(name, data, { binary: true, createFolders: false });
  const packed = await repacked.generateAsync({ type: 'uint8array', compression: 'STORE' });
  // exceljs under Node wants a Buffer (the same bytes, not copied); in a browser the Uint8Array.
  const buffer = NodeBuffer ? NodeBuffer.from(packed.buffer, packed.byteOffset, packed.byteLength) : packed;
  entries.clear();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw corrupt(file, 'ブックの内容（XML）を読めません', `cannot read the workbook's content (${detail(e)})`);
  }
  return wb;
}
