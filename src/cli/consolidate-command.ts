// hyoka consolidate <files|folders…> -o summary.xlsx [--json]: the reform office's summary of the
// department workbooks. Exit 0 when every input was read, 2 when any was unreadable (the summary is
// still written, naming it). A progress bar on a terminal for more than a few files; silent with
// --json or without a terminal. The summary is written to a temporary file and renamed.
import type { Command } from 'commander';
import * as path from 'path';
import { SingleBar } from 'cli-progress';
import { consolidate, expandInputs, buildSummaryLayout, summaryLine, writeSummaryBuffer, type Consolidation } from '../consolidate';
import { inputProblemText } from '../consolidate/types';
import { assertOutputFolder, writeFileAtomic } from './atomic';
import { terminalJson, visible } from './terminal';
import type { CliContext } from './main';
import { runCollect } from './collect-command';

/** More files than this get a progress bar (on a terminal, without --json). */
export const PROGRESS_MIN_FILES = 3;

export interface ConsolidateEnv {
  /** The stream the progress bar draws on, or null for none. */
  progressStream: () => NodeJS.WriteStream | null;
}

const defaultEnv: ConsolidateEnv = { progressStream: () => (process.stderr.isTTY ? process.stderr : null) };

interface Options {
  output?: string;
  json?: boolean;
  plan?: string;
  register?: string;
}

export function registerConsolidate(program: Command, ctx: CliContext, env: ConsolidateEnv = defaultEnv): void {
  program
    .command('consolidate')
    .description('所属のワークブックを集計 / consolidate department workbooks into one summary workbook')
    .argument('<inputs...>', 'department .xlsx files or folders (folders: every *.xlsx in them, not in subfolders)')
    .option('-o, --output <file>', 'summary .xlsx to write')
    .option('--json', 'print the consolidation as JSON (see README, "Consolidation")')
    .option('--plan <id>', 'consolidate this plan only (files of other plans are skipped and listed)')
    .option('--register <file>', 'a round: match the inputs to this register (配布台帳), as hyoka collect does')
    .action(async (inputs: string[], opts: Options) =>
      opts.register ? runCollect({ ...opts, register: opts.register, inputs }, ctx) : runConsolidate(inputs, opts, ctx, env),
    );
}

async function runConsolidate(inputs: string[], opts: Options, ctx: CliContext, env: ConsolidateEnv): Promise<void> {
  const fail = (ja: string, en: string) => {
    ctx.err(`hyoka: ${ja} / ${en}\n`);
    ctx.exitCode = Math.max(ctx.exitCode, 2);
  };
  if (!opts.output && !opts.json) return fail('出力ファイル（-o summary.xlsx）か --json を指定してください', 'give an output file (-o summary.xlsx) or --json');
  if (opts.output && !/\.xlsx$/i.test(opts.output)) return fail(`出力ファイルは .xlsx にしてください: ${opts.output}`, `the output must be an .xlsx file: ${opts.output}`);

  const files = await expandInputs(inputs, { output: opts.output }); // refuses an output that is an input
  if (opts.output) await assertOutputFolder(opts.output);
  if (files.length === 0) return fail(`集計するワークブック（.xlsx）がありません: ${inputs.join(', ')}`, `no workbooks (.xlsx) to consolidate in: ${inputs.join(', ')}`);

  const started = Date.now();
  const stream = opts.json || files.length <= PROGRESS_MIN_FILES ? null : env.progressStream();
  const bar = stream
    ? new SingleBar({ stream, format: '集計 / consolidating [{bar}] {value}/{total} {file}', barsize: 30, hideCursor: false, clearOnComplete: true, etaBuffer: 20 })
    : null;
  bar?.start(files.length, 0, { file: '' });
  let result: Consolidation;
  try {
    result = await consolidate(files, { planId: opts.plan, onProgress: (done, _total, file) => bar?.update(done, { file: visible(path.basename(file)) }) });
  } finally {
    bar?.stop();
  }

  for (const f of result.files) {
    if (f.status === 'unreadable' || f.status === 'skipped') {
      const where = f.problem?.sheet ? ` [${f.problem.sheet}${f.problem.cell ? `!${f.problem.cell}` : ''}]` : '';
      ctx.err(`hyoka: ${f.file}${where}: ${f.status === 'skipped' ? '対象外 / skipped' : '読込不可 / unreadable'}: ${f.problem?.ja} / ${f.problem?.en}\n`);
    }
    if (f.duplicates.length) {
      const firsts = [...new Set(f.duplicates.map((d) => d.keptFrom))].join(', ');
      const ids = f.duplicates.map((d) => d.id).join(', ');
      ctx.err(`hyoka: ${f.file}: 実施項目の重複 ${f.duplicates.length} 件（${firsts} のものを採用） / ${f.duplicates.length} duplicate item(s), kept from ${firsts}: ${ids}\n`);
    }
    for (const n of [...f.notes, ...f.inputProblems.map(inputProblemText)]) ctx.err(`hyoka: ${f.file}: ${n.ja} / ${n.en}\n`);
  }

  if (opts.output) await writeFileAtomic(opts.output, await writeSummaryBuffer(buildSummaryLayout(result)));
  if (opts.json) ctx.out(terminalJson(result) + '\n');

  const line = summaryLine(result);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const target = opts.output ? ` → ${opts.output}` : '';
  (opts.json ? ctx.err : ctx.out)(`集計: ${line.ja}${target}（${seconds} 秒）\nconsolidated: ${line.en}${target} (${seconds} s)\n`);
  // Findings (exit 1): inputs to correct, or files of another plan left out.
  const otherPlans = result.files.filter((f) => f.status === 'skipped' && f.planId !== null).length;
  if (result.totals.inputProblems > 0 || otherPlans > 0) ctx.exitCode = Math.max(ctx.exitCode, 1);
  if (result.totals.unreadable > 0) ctx.exitCode = Math.max(ctx.exitCode, 2);
}
