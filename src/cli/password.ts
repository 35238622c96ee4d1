// Where `generate --password` comes from. A password on the command line is visible to every user of the
// machine (ps) and stays in the shell history, so there are two other ways, and that one warns:
//   --password-stdin   the first line of standard input; on a terminal, a prompt that does not echo
//   HYOKA_PASSWORD     the environment (used when neither option is given)
import { CliError } from './errors';

export interface PasswordOptions {
  password?: string;
  passwordStdin?: boolean;
}

export interface PasswordIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  /** Where the prompt and the warning go (stderr). */
  err: (s: string) => void;
}

/** More than this on standard input is not a password. */
const MAX_STDIN = 4096;

function readFirstLine(stdin: PasswordIo['stdin']): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.off('end', finish);
      stdin.off('error', reject);
      stdin.pause();
      resolve(text.split(/\r?\n/)[0]);
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n') || text.length > MAX_STDIN) finish();
    };
    stdin.on('data', onData);
    stdin.on('end', finish);
    stdin.on('error', reject);
    stdin.resume();
  });
}

/** A prompt on the terminal with echo off; Ctrl-C cancels (exit 130). */
function promptHidden(io: PasswordIo): Promise<string> {
  const { stdin } = io;
  return new Promise((resolve, reject) => {
    io.err('パスワード / password: ');
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (finish: () => void) => {
      stdin.setRawMode?.(false);
      stdin.off('data', onData);
      stdin.pause();
      io.err('\n');
      finish();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new CliError('中断しました', 'interrupted', null, 130)));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The password to protect the sheets with, or undefined for none. */
export async function resolvePassword(opts: PasswordOptions, io: PasswordIo): Promise<string | undefined> {
  if (opts.password !== undefined && opts.passwordStdin) {
    throw new CliError(
      '--password と --password-stdin は同時に使えません',
      '--password and --password-stdin cannot be used together',
    );
  }
  if (opts.password !== undefined) {
    io.err(
      'hyoka: 注意: --password の値はほかの利用者やシェルの履歴から見えます。' +
        'HYOKA_PASSWORD か --password-stdin を使ってください / note: a --password value is visible to other users ' +
        'and in the shell history; prefer HYOKA_PASSWORD or --password-stdin\n',
    );
    return opts.password;
  }
  if (opts.passwordStdin) {
    const password = io.stdin.isTTY && io.stdin.setRawMode ? await promptHidden(io) : await readFirstLine(io.stdin);
    if (password === '') {
      throw new CliError('パスワードが空です（標準入力の 1 行目）', 'the password is empty (first line of standard input)');
    }
    return password;
  }
  const fromEnv = io.env.HYOKA_PASSWORD;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
