#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm install` (the prepare script).
// main() never rejects (src/cli/errors.ts); the guard below is for a launcher that cannot load it.
try {
  require('../dist/cli/main.js').main(process.argv).then(
    (code) => { process.exitCode = code; },
    (err) => { fail(err); },
  );
} catch (err) {
  fail(err);
}

function fail(err) {
  const detail = process.env.HYOKA_DEBUG === '1' && err && err.stack ? `\n${err.stack}` : '';
  const built = err && err.code === 'MODULE_NOT_FOUND' ? '（npm run build:cli を実行してください / run npm run build:cli）' : '';
  process.stderr.write(`hyoka: 内部エラーです${built} / internal error: ${String(err && err.message ? err.message : err).split('\n')[0]}${detail}\n`);
  process.exitCode = 3;
}
