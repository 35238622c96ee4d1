// Outputs are written to a temporary file and renamed. The temporary file is created exclusively under a
// random name (a link planted at that name is never followed, the name cannot be guessed), and it is
// removed when the process is interrupted (SIGINT → exit 130, SIGTERM → 143), leaving neither a ".tmp"
// nor a partial output. A missing output folder is named as such, not as a temporary file.
import { spawn } from 'child_process';
import { promises as fs, watch } from 'fs';
import * as path from 'path';
import { openExclusive, writeFileAtomic } from '../../src/cli/atomic';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir, expectNoStack } from './support';

const ROOT = path.join(__dirname, '..', '..');

test('a link planted at the temporary name is not followed: its target unchanged, the output written', async () => {
  const d = await tempDir('hyoka-atomic-');
  const victim = path.join(d, 'victim.txt');
  await fs.writeFile(victim, 'precious');
  const planted = '.out.json.planted.tmp';
  await fs.symlink(victim, path.join(d, planted));
  await fs.symlink(path.join(d, 'nowhere'), path.join(d, 'dangling.tmp'));
  await expect(openExclusive(path.join(d, planted))).rejects.toMatchObject({ code: 'EEXIST' });
  await expect(openExclusive(path.join(d, 'dangling.tmp'))).rejects.toMatchObject({ code: 'EEXIST' });
  await expect(fs.readdir(d)).resolves.not.toContain('nowhere');

  await writeFileAtomic(path.join(d, 'out.json'), 'new', { tempName: () => planted });
  expect(await fs.readFile(victim, 'utf8')).toBe('precious');
  expect(await fs.readFile(path.join(d, 'out.json'), 'utf8')).toBe('new');
  expect(await fs.readlink(path.join(d, planted))).toBe(victim);
});

test('temporary names are random (64 bits): three writes of one file use three names, none left behind', async () => {
  const d = await tempDir('hyoka-atomic-');
  const names = new Set<string>();
  // The default name: watch the folder between the exclusive create and the rename.
  for (let i = 0; i < 3; i++) {
    const chunks = (async function* () {
      yield 'a';
      for (const f of await fs.readdir(d)) if (f.endsWith('.tmp')) names.add(f);
      yield 'b';
    })();
    await writeFileAtomic(path.join(d, 'x.json'), chunks);
  }
  expect(names.size).toBe(3);
  for (const n of names) expect(n).toMatch(/^\.x\.json\.[0-9a-f]{16}\.tmp$/);
  expect(await fs.readFile(path.join(d, 'x.json'), 'utf8')).toBe('ab');
  expect((await fs.readdir(d)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

/** A child process writing `big.json` through writeFileAtomic, stopping half way until it is signalled. */
function halfWritten(d: string) {
  const script = `
    const { writeFileAtomic } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'atomic.ts'))});
    setInterval(() => {}, 1000); // stay alive while the write waits
    async function* chunks() {
      yield Buffer.alloc(4 * 1024 * 1024, 'x');
      process.stdout.write('half\\n');
      await new Promise(() => {}); // the rest never comes
    }
    writeFileAtomic(${JSON.stringify(path.join(d, 'big.json'))}, chunks());`;
  const register = path.join(ROOT, 'tests', 'cli', 'register-ts.js');
  const child = spawn(process.execPath, ['-r', register, '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const half = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c) => String(c).includes('half') && resolve());
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, half, exit };
}

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a big write: the temporary file is removed, no output, exit %i', async (signal, code) => {
  const d = await tempDir('hyoka-signal-');
  const { child, half, exit } = halfWritten(d);
  await half;
  const during = await fs.readdir(d);
  expect(during.filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
  child.kill(signal);
  expect(await exit).toBe(code);
  expect(await fs.readdir(d)).toEqual([]);
});

test('the real CLI, SIGINT as soon as its temporary file appears: no ".tmp" left, the output absent or whole', async () => {
  const d = await tempDir('hyoka-signal-cli-');
  const out = path.join(d, 'gunma.xlsx');
  const register = path.join(ROOT, 'tests', 'cli', 'register-ts.js');
  const main = path.join(ROOT, 'src', 'cli', 'main.ts');
  const child = spawn(process.execPath, ['-r', register, main, 'generate', BUNDLED, '-o', out], { stdio: 'ignore' });
  const exit = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
  const watcher = watch(d, (_event, name) => {
    if (String(name).endsWith('.tmp')) child.kill('SIGINT');
  });
  const [code, signal] = await exit;
  watcher.close();
  expect((await fs.readdir(d)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  // Interrupted during the write: cleaned, exit 130. Otherwise (the signal came after the rename, and
  // killed the process outright, or never came) the output is whole.
  if (code === 130) expect(await fs.readdir(d)).toEqual([]);
  else {
    expect([code, signal]).toContainEqual(code === 0 ? 0 : 'SIGINT');
    expect((await hyoka(['evaluate', out])).code).toBe(0);
  }
});

test('generate -o missing-folder/x.xlsx: names the output folder, not a temporary file; exit 2', async () => {
  const d = await tempDir('hyoka-nofolder-');
  const r = await hyoka(['generate', BUNDLED, '-o', path.join(d, 'missing', 'x.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`出力先のフォルダーがありません: ${path.join(d, 'missing')}`);
  expect(r.err).toContain(`the output folder does not exist: ${path.join(d, 'missing')}`);
  expect(r.err).not.toContain('.tmp');
  expectNoStack(r.err);
});
