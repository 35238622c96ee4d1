// Opening a workbook someone sent us, without trusting it. Before exceljs sees a byte:
//   - the file's size is bounded (it is read into memory once);
//   - it must be a zip (an .xlsx), not a text file or an OLE compound file (what Excel writes for a
//     password-protected workbook, and for a legacy .xls);
//   - the zip must be whole (central directory present, every entry inflating to its CRC);
//   - the zip must not be a decompression bomb: entry count, total inflated size and the inflation
//     ratio of each entry are bounded, and inflation stops as soon as a bound is passed (the sizes a
//     zip declares are checked first, but never trusted);
//   - no worksheet may claim or hold an absurd range (<dimension ref>, row numbers, cell columns,
//     merged ranges): exceljs materialises merged ranges cell by cell;
//   - <dataValidations> are removed from every worksheet: exceljs expands a rule over A:A into one
//     entry per cell (a million objects per whole-column rule). Reading a workbook never needs them.
// Then exceljs loads the sanitised entries (re-packed uncompressed, so nothing is inflated twice).
// Every refusal is an UnreadableWorkbookError naming the file and saying why, in Japanese and English.
//
// Two entry points: openWorkbook(file) for the command line (the size is checked with stat before the
// file is read), and openWorkbookBytes(name, bytes) for bytes already in memory (the task pane's picked
// files: checkFileSize first, with the File's size, then read). Both run the same checks on the bytes.
// Nothing on the bytes path needs Node: Buffer is used when there is one (Node; byte-identical results,
// and native speed for the latin1 round trip), plain Uint8Array code otherwise (a browser).
import { promises as fs } from 'fs';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnNumber } from '../layout/a1';

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
  /** Most rows a worksheet may span. Default 100,000. */
  maxRows: number;
  /** Most columns a worksheet may span. Default 1,000. */
  maxColumns: number;
}

export const DEFAULT_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 8 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 1_000,
});

export type UnreadableReason =
  | 'not-found' // no such file
  | 'not-a-file' // a folder, a device …
  | 'too-large' // over maxFileBytes
  | 'not-a-zip' // an empty file, a text file named .xlsx …
  | 'encrypted' // an OLE compound file: a password-protected workbook (or a legacy .xls)
  | 'corrupt' // a truncated or damaged zip, or XML exceljs cannot read
  | 'bomb' // too many entries, too large inflated, or an absurd inflation ratio
  | 'dimension' // a worksheet spanning an absurd range
  | 'not-a-workbook'; // a zip without xl/workbook.xml (a .docx renamed, say)

/** A file refused before (or while) loading. `message` is `file: ja / en`. */
export class UnreadableWorkbookError extends Error {
  override readonly name = 'UnreadableWorkbookError';
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    readonly ja: string,
    readonly en: string,
    /** The worksheet concerned, when there is one (absurd dimension). */
    readonly sheet: string | null = null,
    /** The zip entry concerned, when there is one. */
    readonly entry: string | null = null,
  ) {
    super(`${file}: ${ja} / ${en}`);
  }
  /** Same shape as WorkbookReadError, for callers that report either. */
  readonly cell: string | null = null;
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
      .on('error', (e: Error) => stop(corrupt(file, `${entry.name} を展開できません（${e.message}）`, `cannot inflate ${entry.name} (${e.message})`, entry.name)))
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

/** Rows and columns a cell reference or range reaches to ("XFD1048576" → {row: 1048576, col: 16384}). */
function reach(ref: string): { row: number; col: number } {
  let row = 0;
  let col = 0;
  for (const part of ref.split(':')) {
    const m = /^\$?([A-Za-z]{1,4})?\$?(\d+)?$/.exec(part.trim());
    if (!m) continue;
    if (m[1]) col = Math.max(col, columnNumber(m[1]));
    if (m[2]) row = Math.max(row, parseInt(m[2], 10));
    if (m[1] && !m[2]) row = Math.max(row, 1_048_576); // A:A is a whole column
    if (!m[1] && m[2]) col = Math.max(col, 16_384); // 1:1 is a whole row
  }
  return { row, col };
}

/**
 * Checks a worksheet's declared and actual reach; returns the XML without <dataValidations>.
 * Works on the bytes as latin1 text: every pattern is ASCII, and multi-byte UTF-8 passes through untouched.
 */
function checkWorksheet(file: string, entryName: string, sheet: string | null, xml: Uint8Array, limits: LoadLimits): Uint8Array {
  const s = latin1Text(xml);
  const where = sheet ? `シート「${sheet}」` : entryName;
  const whereEn = sheet ? `sheet "${sheet}"` : entryName;
  const refuse = (what: string, whatEn: string, row: number, col: number) => {
    return new UnreadableWorkbookError(
      file,
      'dimension',
      `${where} の${what}が大きすぎます（${fmt(row)} 行 × ${fmt(col)} 列; 上限 ${fmt(limits.maxRows)} 行 × ${fmt(limits.maxColumns)} 列）`,
      `${whereEn}: ${whatEn} is absurdly large (${fmt(row)} rows × ${fmt(col)} columns; limit ${fmt(limits.maxRows)} × ${fmt(limits.maxColumns)})`,
      sheet,
      entryName,
    );
  };
  const tooFar = (r: { row: number; col: number }) => r.row > limits.maxRows || r.col > limits.maxColumns;
  const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(s);
  if (dim) {
    const r = reach(dim[1]);
    if (tooFar(r)) throw refuse(`範囲（dimension ${dim[1]}）`, `the declared range (dimension ${dim[1]})`, r.row, r.col);
  }
  for (const m of s.matchAll(/<(?:\w+:)?row\b[^>]*?\br="(\d+)"/g)) {
    const row = parseInt(m[1], 10);
    if (row > limits.maxRows) throw refuse(`行番号（${m[1]} 行目）`, `a row number (${m[1]})`, row, 0);
  }
  for (const m of s.matchAll(/<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]{1,4})\d*"/g)) {
    if (m[1].length < 3) continue; // up to ZZ = 702 columns: nothing to check
    const col = columnNumber(m[1]);
    if (col > limits.maxColumns) throw refuse(`列（${m[1]} 列）`, `a column (${m[1]})`, 0, col);
  }
  for (const m of s.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"/g)) {
    const r = reach(m[1]);
    if (tooFar(r)) throw refuse(`結合範囲（${m[1]}）`, `a merged range (${m[1]})`, r.row, r.col);
  }
  if (!s.includes('dataValidations')) return xml;
  const stripped = s.replace(/<((?:\w+:)?dataValidations)\b[^>]*\/>|<((?:\w+:)?dataValidations)\b[\s\S]*?<\/\2>/g, '');
  return latin1Bytes(stripped);
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
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UnreadableWorkbookError(file, 'not-found', 'ファイルが見つかりません', 'file not found');
    throw new UnreadableWorkbookError(file, 'not-a-file', `ファイルを開けません（${code ?? (e as Error).message}）`, `cannot open the file (${code ?? (e as Error).message})`);
  }
  if (!stat.isFile()) throw new UnreadableWorkbookError(file, 'not-a-file', 'ファイルではありません（フォルダーなど）', 'not a regular file (a folder?)');
  checkFileSize(file, stat.size, options);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new UnreadableWorkbookError(file, 'not-a-file', `ファイルを読めません（${(e as Error).message}）`, `cannot read the file (${(e as Error).message})`);
  }
  // Under Node every entry is a Buffer (concatBytes and latin1Bytes make Buffers when there is one).
  return (await readWorkbookBytes(file, bytes, options)) as Map<string, Buffer>;
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
    throw corrupt(file, `zip の目次を読めません（${(e as Error).message}）`, `cannot read the zip directory (${(e as Error).message})`);
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
  for (const [name, xml] of entries) {
    if (WORKSHEET_RE.test(name)) entries.set(name, checkWorksheet(file, name, names.get(name) ?? null, xml, limits));
  }
  return entries;
}

/**
 * Opens a workbook without ever loading an unbounded file: see the top of this file. Throws
 * UnreadableWorkbookError (with the file name and the reason in Japanese and English) on refusal.
 */
export async function openWorkbook(file: string, limits: Partial<LoadLimits> = {}): Promise<ExcelJS.Workbook> {
  return loadEntries(file, await readWorkbookEntries(file, limits));
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
    throw corrupt(file, `ブックの内容を読めません（${(e as Error).message.split('\n')[0]}）`, `cannot read the workbook's content (${(e as Error).message.split('\n')[0]})`);
  }
  return wb;
}
