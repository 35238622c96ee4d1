// What a user sees when something goes wrong: never a stack trace; `hyoka: <file>: ja / en` for what
// they can fix (exit 2), a short bilingual "internal error" line for a bug (exit 3, the stack only with
// HYOKA_DEBUG=1); commander's own messages in Japanese and English; --version; LibreOffice failures of
// --pdf naming the file; file names and workbook text shown with their control characters made visible.
// Also where generate's password comes from (HYOKA_PASSWORD, --password-stdin, --password with a warning).
import { createHash } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { describeFailure, EXIT } from '../../src/cli/errors';
import { terminalJson, visible } from '../../src/cli/terminal';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir, expectNoStack } from './support';

const VERSION = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('commander in Japanese and English, exit 2', () => {
  test.each([
    [['validate', 'x.json', '--colour'], '不明なオプション「--colour」です', "unknown option '--colour'"],
    [['frobnicate'], '不明なコマンド「frobnicate」です', "unknown command 'frobnicate'"],
    [['validate'], '引数「plan」がありません', "missing required argument 'plan'"],
    [['generate'], '必須のオプション「-o, --output <file>」がありません', "required option '-o, --output <file>' not specified"],
    [['generate', '-o'], 'オプション「-o, --output <file>」の値がありません', "option '-o, --output <file>' argument missing"],
    [['validate', 'a.json', 'b.json'], '引数が多すぎます', 'too many arguments'],
  ])('%j', async (args, ja, en) => {
    const r = await hyoka(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`hyoka: ${ja} / `);
    expect(r.err).toContain(en);
    expect(r.err).toContain('hyoka --help');
    expect(r.err).not.toMatch(/^error:/m);
  });

  test('--version prints the version of package.json, exit 0', async () => {
    const r = await hyoka(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(VERSION);
  });
});

describe('failures', () => {
  test('a bug: one bilingual internal-error line, exit 3, no stack; HYOKA_DEBUG=1 adds the stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'kpis')");
    const plain = describeFailure(bug, false);
    expect(plain.code).toBe(EXIT.internal);
    expect(plain.text).toContain('内部エラー');
    expect(plain.text).toContain('internal error (probably a bug in hyoka): TypeError: Cannot read properties');
    expect(plain.text).toContain('HYOKA_DEBUG=1');
    expect(plain.text).not.toMatch(/^\s+at /m);
    expect(describeFailure(bug, true).text).toMatch(/^\s+at /m);
  });

  test('a file error from Node is said in both languages with the path, exit 2', () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/x/p.json'"), {
      code: 'EACCES',
      path: '/x/p.json',
    });
    const text = 'hyoka: /x/p.json: アクセスが拒否されました / permission denied (EACCES)\n';
    expect(describeFailure(e, false)).toEqual({ text, code: 2 });
  });

  test('a plan that does not exist: the name, both languages, exit 2', async () => {
    const r = await hyoka(['validate', '/nonexistent/plan.json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('hyoka: /nonexistent/plan.json: ファイルまたはフォルダーがありません / no such file or folder (ENOENT)\n');
  });
});

describe('generate --pdf when LibreOffice fails: the workbook is written, the message names it', () => {
  let dir: string;
  const saved = process.env.HYOKA_SOFFICE;
  beforeAll(async () => {
    dir = await tempDir('hyoka-pdf-');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.HYOKA_SOFFICE;
    else process.env.HYOKA_SOFFICE = saved;
  });

  test('soffice missing', async () => {
    process.env.HYOKA_SOFFICE = path.join(dir, 'no-soffice');
    const out = path.join(dir, 'a.xlsx');
    const r = await hyoka(['generate', BUNDLED, '-o', out, '--pdf']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`hyoka: ${out}: PDF を作れませんでした（ワークブックは書き出し済みです）: LibreOffice が見つかりません`);
    expect(r.err).toContain('could not make the PDF (the workbook was written): LibreOffice not found');
    expectNoStack(r.err);
    expect((await fs.stat(out)).size).toBeGreaterThan(10000);
  });

  test('the conversion fails (soffice exits with an error and writes nothing)', async () => {
    process.env.HYOKA_SOFFICE = '/bin/false';
    const out = path.join(dir, 'b.xlsx');
    const r = await hyoka(['generate', BUNDLED, '-o', out, '--pdf']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`hyoka: ${out}: PDF を作れませんでした`);
    expect(r.err).toContain('produced no file');
    expectNoStack(r.err);
  });
});

describe('control characters from file names and workbook text reach the terminal visible, not obeyed', () => {
  test('visible(): C0, DEL, C1, ESC sequences as \\xNN, bidi controls as \\uNNNN; text, tabs, line feeds stay', () => {
    expect(visible('a\u001b[2J\u001b]0;owned\u0007b')).toBe('a\\x1b[2J\\x1b]0;owned\\x07b');
    expect(visible('\r\u0000\u007f\u009b31m')).toBe('\\x0d\\x00\\x7f\\x9b31m');
    expect(visible('評価\tok\n\u202egnp.exe')).toBe('評価\tok\n\\u202egnp.exe');
  });

  test('JSON output: C1 and bidi controls escaped, the same data when parsed', () => {
    const value = { name: 'a\u009bb\u202ec', ok: '評価' };
    const text = terminalJson(value);
    expect(visible(text)).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('a file name with an ESC sequence: printed as \\x1b, never raw', async () => {
    const dir = await tempDir('hyoka-esc-');
    const name = path.join(dir, 'evil\u001b]0;pwned\u0007\u001b[2J.json');
    await fs.writeFile(name, '{');
    const r = await hyoka(['validate', name]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J.json');
    expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

test('text with ESC sequences in a plan (an item title) is shown as \\x1b; --json keeps the exact text', async () => {
  const dir = await tempDir('hyoka-esc-');
  const plan = JSON.parse(await fs.readFile(BUNDLED, 'utf8'));
  plan.items[0].title = '電子申請\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007';
  const file = path.join(dir, 'plan.json');
  await fs.writeFile(file, JSON.stringify(plan));
  const fromPlan = await hyoka(['evaluate', file]);
  expect(fromPlan.out).toContain('電子申請\\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07');
  expect(fromPlan.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  const json = await hyoka(['evaluate', file, '--json']);
  expect(JSON.parse(json.out).items[0].title).toBe(plan.items[0].title);

});

/** Excel's sheet-protection hash (SHA-512, spun 100,000 times) of `password` with the file's salt. */
function protectionHash(password: string, salt: string, spins: number): string {
  let hash = createHash('sha512').update(Buffer.from(salt, 'base64')).update(Buffer.from(password, 'utf16le')).digest();
  for (let i = 0; i < spins; i++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32LE(i);
    hash = createHash('sha512').update(hash).update(counter).digest();
  }
  return hash.toString('base64');
}

describe('generate: the password from HYOKA_PASSWORD or --password-stdin, kept off the command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('hyoka-password-');
  });

  async function sheetPassword(file: string, password: string): Promise<boolean> {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const m = /<sheetProtection[^>]*hashValue="([^"]+)"[^>]*saltValue="([^"]+)"[^>]*spinCount="(\d+)"/.exec(xml);
    return m !== null && protectionHash(password, m[2], Number(m[3])) === m[1];
  }

  test('HYOKA_PASSWORD', async () => {
    const out = path.join(dir, 'env.xlsx');
    const r = await hyoka(['generate', BUNDLED, '-o', out], { env: { HYOKA_PASSWORD: 's3cret' } });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(await sheetPassword(out, 's3cret')).toBe(true);
  });

  test('--password-stdin: the first line of standard input', async () => {
    const out = path.join(dir, 'stdin.xlsx');
    const r = await hyoka(['generate', BUNDLED, '-o', out, '--password-stdin'], { stdin: 'パス word\nignored\n' });
    expect(r.code).toBe(0);
    expect(await sheetPassword(out, 'パス word')).toBe(true);
  });

  test('--password still works but warns; with --password-stdin too it is refused', async () => {
    const out = path.join(dir, 'arg.xlsx');
    const r = await hyoka(['generate', BUNDLED, '-o', out, '--password', 'x']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('HYOKA_PASSWORD');
    const args = ['generate', BUNDLED, '-o', path.join(dir, 'both.xlsx'), '--password', 'x', '--password-stdin'];
    const both = await hyoka(args, { stdin: 'y\n' });
    expect(both.code).toBe(2);
    expect(both.err).toContain('--password と --password-stdin は同時に使えません');
  });
});
