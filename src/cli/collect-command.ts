// hyoka collect 配布台帳.json 返送/ -o 集計.xlsx [--json] [--choose FILE]…: the returns of a round read
// against the register (src/round/collect.ts), the summary over the accepted files with 未提出 and
// 回収状況 (src/round/collect-summary.ts). Exit 0 when every department returned and nothing was refused,
// 1 when the round is incomplete or a file was refused, 2 for bad input (register, folder, --choose).
// The last line printed is the round's count: 「回収 18/24 所属、未提出 6（項目 9）」.
import type { Command } from 'commander';
import { sheetRef } from '../layout/a1';
import { promises as fs } from 'fs';
import * as path from 'path';
import { expandInputs, assertOutputNotInput } from '../consolidate/inputs';
import { writeSummaryBuffer } from '../consolidate';
import { collect, collectLine, isComplete, readRegister, type Collection } from '../round/collect';
import { collectJson, collectSummaryLayout, consolidateAccepted } from '../round/collect-summary';
import { assertOutputFolder, writeFileAtomic } from './atomic';
import { CliError, EXIT } from './errors';
import { terminalJson } from './terminal';
import type { CliContext } from './main';

export interface CollectCommandOptions {
  output?: string;
  json?: boolean;
  choose?: string[];
}

/** commander's collector for a repeatable option (--choose, --approve). */
export const repeat = (value: string, all: string[]) => [...all, value];

/** One run: the register, the returned files or folders, and the options. */
export interface CollectRun extends CollectCommandOptions {
  register: string;
  inputs: string[];
}

export function registerCollect(program: Command, ctx: CliContext): void {
  program
    .command('collect')
    .description('回収: 返送されたワークブックを配布台帳と照合して集計 / collect a round: match the returns to the register')
    .argument('<register>', 'the register (配布台帳) JSON written by distribute')
    .argument('<returns...>', 'returned .xlsx files or folders (folders: every *.xlsx in them)')
    .option('-o, --output <file>', 'summary .xlsx to write (with 未提出 and 回収状況 sheets)')
    .option('--json', 'print the collection as JSON')
    .option('--choose <file>', 'take this file of a 差替 pair instead of the newest (repeatable)', repeat, [])
    .action(async (register: string, inputs: string[], opts: CollectCommandOptions) =>
      runCollect({ ...opts, register, inputs }, ctx),
    );
}

export function printFindings(c: Collection, ctx: CliContext): void {
  for (const f of c.files) {
    if (f.status === 'refused') ctx.err(`hyoka: ${f.file}: 不受理 / refused: ${f.reason!.ja} / ${f.reason!.en}\n`);
    if (f.status === 'superseded') ctx.err(`hyoka: ${f.file}: 差替済 / superseded: ${f.reason!.ja} / ${f.reason!.en}\n`);
    if (f.status === 'accepted' && !f.untouched) {
      const ja = '受理、ただし配布時から目標・過年度・定義などが変わっています';
      ctx.err(`hyoka: ${f.file}: ${ja} / accepted, but locked content differs from what was sent\n`);
    }
    for (const ch of f.changes ?? []) {
      if (ch.severity === 'info') continue;
      const at = ch.place ? ` [${sheetRef(ch.place.sheet, ch.place.row, ch.place.col)}]` : '';
      ctx.err(`hyoka: ${f.file}${at}: ${ch.message.ja} / ${ch.message.en}\n`);
    }
  }
  for (const m of c.missing) {
    const n = m.items.length;
    const ids = m.items.map((i) => i.id).join(', ');
    ctx.err(`hyoka: 未提出 / not returned: ${m.department.name}（${m.file}）実施項目 ${n} 件 / ${n} item(s): ${ids}\n`);
  }
}

/**
 * The returned workbooks of a round command (collect, merge): every input named must exist, folders are
 * expanded, and the output is refused when it is an input or one of `alsoInputs` (the register, the
 * record) — all before any work.
 */
export async function returnedFiles(o: { inputs: string[]; output?: string; alsoInputs: string[] }): Promise<string[]> {
  for (const input of o.inputs) {
    const missing = !(await fs.stat(input).catch(() => null));
    if (missing) throw new CliError('返送ファイルまたはフォルダーがありません', 'no such returned file or folder', input);
  }
  await assertOutputNotInput(o.output, o.alsoInputs);
  const files = await expandInputs(o.inputs, { output: o.output }); // refuses an output that is an input
  if (o.output) await assertOutputFolder(o.output);
  return files;
}

/** The command, also reached as `consolidate --register`. */
export async function runCollect(opts: CollectRun, ctx: CliContext): Promise<void> {
  const { register: registerFile, inputs } = opts;
  if (!opts.output && !opts.json) {
    throw new CliError('出力ファイル（-o 集計.xlsx）か --json を指定してください', 'give an output file (-o summary.xlsx) or --json');
  }
  if (opts.output && !/\.xlsx$/i.test(opts.output)) {
    throw new CliError(`出力ファイルは .xlsx にしてください: ${opts.output}`, `the output must be an .xlsx file: ${opts.output}`);
  }
  const files = await returnedFiles({ inputs, output: opts.output, alsoInputs: [registerFile] });
  const register = await readRegister(registerFile);

  const collection = await collect(register, files, { choose: opts.choose });
  const consolidation = await consolidateAccepted(collection);
  printFindings(collection, ctx);
  if (opts.output) {
    await writeFileAtomic(opts.output, await writeSummaryBuffer(collectSummaryLayout(collection, consolidation)));
  }
  if (opts.json) ctx.out(terminalJson(collectJson(collection, consolidation)) + '\n');

  const t = collection.totals;
  const target = opts.output ? ` → ${path.basename(opts.output)}` : '';
  const say = opts.json ? ctx.err : ctx.out;
  const en = `${t.files} files (${t.accepted} accepted, ${t.superseded} superseded, ${t.refused} refused)`;
  say(`ファイル ${t.files} 件（受理 ${t.accepted}・差替済 ${t.superseded}・不受理 ${t.refused}） / ${en}${target}\n`);
  const line = collectLine(collection);
  say(`${line.ja} / ${line.en}\n`);
  ctx.exitCode = Math.max(ctx.exitCode, isComplete(collection) ? EXIT.ok : EXIT.findings);
}
