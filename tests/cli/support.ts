// What the tests of tests/cli share: the CLI run in-process with its own streams, stdin and environment,
// and temporary folders removed after the suite.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function hyoka(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s), {
    env: options.env ?? {},
    stdin,
  });
  return { code, out, err };
}

const made: string[] = [];

export async function tempDir(prefix = 'hyoka-cli-'): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

afterAll(async () => {
  for (const d of made.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

/** No stack trace in what the CLI printed: no "    at fn (file:line)" lines, no "Error:" headers of Node. */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+[:(]/m);
  expect(text).not.toMatch(/^(Type|Range|Reference|Syntax)?Error: /m);
}
