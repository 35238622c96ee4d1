// LibreOffice (soffice) integration: recalculate a workbook so its cached values are real,
// render it to PDF, and rasterise PDF pages to PNG (poppler's pdftoppm).
//
// exceljs writes formulas with whatever cached result we hand it; Excel recalculates on open,
// but every other reader (previews, mail clients, our own tests) shows the cached value.
// Running the file through LibreOffice with "always recalculate on load" replaces those caches.
//
// Processes are started with child_process.spawn and an argument array — never through a shell —
// so paths with spaces, quotes or Japanese characters are passed through untouched.
// Every run gets its own throw-away user profile (mkdtemp), so runs may happen in parallel and
// never hand their job to some other soffice instance that happens to be running.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

export const DEFAULT_TIMEOUT_MS = 180_000;

export type LibreOfficeErrorCode =
  | 'NOT_INSTALLED' // soffice (or pdftoppm) is not on this machine
  | 'INPUT_MISSING' // the input file does not exist
  | 'NO_OUTPUT' // the tool ran but produced no file
  | 'TIMEOUT' // the tool ran longer than the time limit and was killed
  | 'FAILED'; // the tool could not be started, or exited with an error

/** Every failure of this module. `message` is Japanese, then English. */
export class LibreOfficeError extends Error {
  override readonly name = 'LibreOfficeError';
  constructor(
    readonly code: LibreOfficeErrorCode,
    message: string,
    /** What the tool printed on stderr (and stdout), when it ran at all. */
    readonly stderr: string = '',
  ) {
    super(message);
  }
}

export interface LibreOfficeOptions {
  /** Kill soffice (its whole process group) after this many ms. Default 180 000. */
  timeoutMs?: number;
  /** Path to the soffice executable; default: $HYOKA_SOFFICE, else findSoffice(). */
  soffice?: string;
  /** Where the per-run profile and staging folder are made (and removed); default os.tmpdir(). */
  tempDir?: string;
}

export interface PdfToPngOptions {
  firstPage?: number;
  lastPage?: number;
  /** Resolution in dots per inch; pdftoppm's default is 150. */
  dpi?: number;
  /** Kill pdftoppm after this many ms. Default 180 000. */
  timeoutMs?: number;
  /** Where the staging folder is made (and removed); default os.tmpdir(). */
  tempDir?: string;
}

const SOFFICE_NAMES = ['soffice', 'libreoffice'];
const SOFFICE_FALLBACKS = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'];

function isExecutableFile(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function findOnPath(names: readonly string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/** The soffice executable: `soffice` or `libreoffice` on PATH, else the usual Debian locations; null if none. */
export function findSoffice(): string | null {
  const onPath = findOnPath(SOFFICE_NAMES);
  if (onPath) return onPath;
  for (const p of SOFFICE_FALLBACKS) if (isExecutableFile(p)) return p;
  return null;
}

function notInstalled(what: string): LibreOfficeError {
  return new LibreOfficeError(
    'NOT_INSTALLED',
    `LibreOffice が見つかりません（${what}）。Debian/Ubuntu では \`apt-get install -y --no-install-recommends libreoffice-calc-nogui\` でインストールしてください。` +
      ` / LibreOffice not found (${what}). On Debian/Ubuntu install it with \`apt-get install -y --no-install-recommends libreoffice-calc-nogui\`.`,
  );
}

/** opts.soffice, else $HYOKA_SOFFICE (a LibreOffice outside PATH), else findSoffice(). */
function resolveSoffice(opts: LibreOfficeOptions | undefined): string {
  const chosen = opts?.soffice ?? (process.env.HYOKA_SOFFICE || undefined);
  if (chosen !== undefined) {
    if (!isExecutableFile(chosen)) throw notInstalled(`${chosen} is not an executable file`);
    return chosen;
  }
  const found = findSoffice();
  if (!found) throw notInstalled(`no soffice or libreoffice on PATH, nor ${SOFFICE_FALLBACKS.join(', ')}`);
  return found;
}

function checkInput(file: string): string {
  const abs = path.resolve(file);
  let ok = false;
  try {
    ok = fs.statSync(abs).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new LibreOfficeError('INPUT_MISSING', `入力ファイルがありません: ${abs} / Input file not found: ${abs}`);
  }
  return abs;
}

// Calc → Formula → "Recalculation on file load": 0 = always, 1 = never, 2 = prompt (which is "never" headless).
// OOXMLRecalcMode covers xlsx, ODFRecalcMode covers ods.
const REGISTRY_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice user profile that recalculates every formula on load. */
async function makeProfile(root: string): Promise<string> {
  const profile = path.join(root, 'profile');
  await fs.promises.mkdir(path.join(profile, 'user'), { recursive: true });
  await fs.promises.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), REGISTRY_XCU, 'utf8');
  return profile;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

const MAX_CAPTURE = 64 * 1024;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs `cmd args…` without a shell, in its own process group (so a timeout kills soffice.bin and
 * oosplash too, not just the wrapper script). Resolves when the process has exited and its output
 * pipes are closed; rejects with TIMEOUT or FAILED (could not start).
 */
function run(cmd: string, args: readonly string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let output = '';
    const capture = (chunk: Buffer): void => {
      if (output.length < MAX_CAPTURE) output += chunk.toString('utf8');
    };
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: env ?? process.env });
    } catch (e) {
      reject(new LibreOfficeError('FAILED', `起動できません: ${cmd} / Could not start ${cmd}: ${(e as Error).message}`));
      return;
    }
    const pid = child.pid;
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, timeoutMs);
    child.stdout.on('data', capture);
    child.stderr.on('data', capture);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(pid);
      reject(
        e.code === 'ENOENT'
          ? new LibreOfficeError('NOT_INSTALLED', `コマンドがありません: ${cmd} / Command not found: ${cmd}`)
          : new LibreOfficeError('FAILED', `起動できません: ${cmd} / Could not start ${cmd}: ${e.message}`),
      );
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Nothing of this run may outlive it (a stray soffice.bin would keep the profile busy).
      killGroup(pid);
      if (timedOut) {
        const secs = Math.round(timeoutMs / 100) / 10;
        reject(
          new LibreOfficeError(
            'TIMEOUT',
            `${path.basename(cmd)} が ${secs} 秒以内に終わらなかったため停止しました / ${path.basename(cmd)} did not finish within ${secs} s and was killed` +
              (output.trim() ? `\n${output.trim()}` : ''),
            output,
          ),
        );
        return;
      }
      resolve({ code, signal, output });
    });
  });
}

/** Moves `from` to `to`, across file systems if need be. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await fs.promises.copyFile(from, to);
    await fs.promises.unlink(from);
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Converts `input` with soffice into a private staging folder, then moves the result into `outDir`
 * under the name soffice chose — unless that would overwrite the input, in which case `.<suffix>`
 * is put before the extension (book.xlsx → book.recalc.xlsx).
 */
async function convert(
  inputFile: string,
  outDir: string,
  convertTo: string,
  suffix: string,
  opts: LibreOfficeOptions | undefined,
): Promise<string> {
  const soffice = resolveSoffice(opts);
  const input = checkInput(inputFile);
  const timeoutMs = opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outAbs = path.resolve(outDir);
  await fs.promises.mkdir(outAbs, { recursive: true });

  const root = await fs.promises.mkdtemp(path.join(opts?.tempDir ?? os.tmpdir(), 'hyoka-lo-'));
  try {
    const profile = await makeProfile(root);
    const staging = path.join(root, 'out');
    await fs.promises.mkdir(staging);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nologo',
      '--nodefault',
      '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      convertTo,
      '--outdir',
      staging,
      input,
    ];
    const result = await run(soffice, args, timeoutMs);
    const produced = (await fs.promises.readdir(staging)).filter((f) => !f.startsWith('.'));
    if (produced.length === 0) {
      const status = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
      const tail = result.output.trim();
      throw new LibreOfficeError(
        'NO_OUTPUT',
        `LibreOffice の変換（${convertTo}）でファイルが作られませんでした: ${input} (${status})` +
          ` / LibreOffice conversion (${convertTo}) produced no file for ${input} (${status})` +
          (tail ? `\nsoffice output:\n${tail}` : '\nsoffice printed nothing.'),
        result.output,
      );
    }
    const name = produced[0]!;
    let target = path.join(outAbs, name);
    if (sameFile(target, input)) {
      const ext = path.extname(name);
      target = path.join(outAbs, `${path.basename(name, ext)}.${suffix}${ext}`);
    }
    await moveFile(path.join(staging, name), target);
    return target;
  } finally {
    await fs.promises.rm(root, { recursive: true, force: true });
  }
}

/**
 * Opens `inputXlsx` in LibreOffice, recalculates every formula, and saves it as xlsx in `outDir`,
 * so the file's cached values are LibreOffice's results. Returns the output path.
 *
 * The output is `outDir/<input name>.xlsx`. When that is the input itself (outDir is the input's
 * folder), the output is `<stem>.recalc.xlsx` instead; the input is never overwritten.
 * An existing file of the output's name is replaced.
 */
export function recalculate(inputXlsx: string, outDir: string, opts?: LibreOfficeOptions): Promise<string> {
  return convert(inputXlsx, outDir, 'xlsx:Calc MS Excel 2007 XML', 'recalc', opts);
}

/**
 * Renders `inputXlsx` (recalculated on load) to `outDir/<stem>.pdf` and returns its path.
 * An existing file of that name is replaced.
 */
export function convertToPdf(inputXlsx: string, outDir: string, opts?: LibreOfficeOptions): Promise<string> {
  return convert(inputXlsx, outDir, 'pdf:calc_pdf_Export', 'render', opts);
}

/**
 * Rasterises pages of `pdf` with `pdftoppm -png`. Files are `<outPrefix>-<page>.png`, the page
 * number zero-padded as pdftoppm pads it (to the width of the PDF's page count). Returns their
 * paths in page order. `outPrefix` may include a folder, which is created if missing.
 */
export async function pdfToPng(pdf: string, outPrefix: string, opts?: PdfToPngOptions): Promise<string[]> {
  const input = checkInput(pdf);
  const pdftoppm = findOnPath(['pdftoppm']);
  if (!pdftoppm) {
    throw new LibreOfficeError(
      'NOT_INSTALLED',
      'pdftoppm が見つかりません。`apt-get install -y poppler-utils` でインストールしてください。' +
        ' / pdftoppm not found; install it with `apt-get install -y poppler-utils`.',
    );
  }
  const prefixAbs = path.resolve(outPrefix);
  const outDir = path.dirname(prefixAbs);
  const base = path.basename(prefixAbs);
  await fs.promises.mkdir(outDir, { recursive: true });

  const args = ['-png'];
  if (opts?.dpi !== undefined) args.push('-r', String(opts.dpi));
  if (opts?.firstPage !== undefined) args.push('-f', String(opts.firstPage));
  if (opts?.lastPage !== undefined) args.push('-l', String(opts.lastPage));

  // Render into a private folder first, so files left over from an earlier run with the same
  // prefix are neither returned nor confused with this run's pages.
  const staging = await fs.promises.mkdtemp(path.join(opts?.tempDir ?? os.tmpdir(), 'hyoka-ppm-'));
  try {
    args.push(input, path.join(staging, 'p'));
    const result = await run(pdftoppm, args, opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const pages = (await fs.promises.readdir(staging))
      .map((f) => /^p-(\d+)\.png$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    if (result.code !== 0 || pages.length === 0) {
      const status = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
      throw new LibreOfficeError(
        result.code !== 0 ? 'FAILED' : 'NO_OUTPUT',
        `pdftoppm で PNG を作れませんでした: ${input} (${status}) / pdftoppm produced no PNG for ${input} (${status})` +
          (result.output.trim() ? `\n${result.output.trim()}` : ''),
        result.output,
      );
    }
    const out: string[] = [];
    for (const m of pages) {
      const target = path.join(outDir, `${base}-${m[1]}.png`);
      await moveFile(path.join(staging, m[0]), target);
      out.push(target);
    }
    return out;
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
}
