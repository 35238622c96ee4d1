// hyoka audit <files|folders…> [--json] [-o report.xlsx] — the auditor's recalculation (src/audit).
// Folders are searched for *.xlsx (not Excel's ~$ lock files); a batch never stops for one bad file.
// Output: one line per finding and a summary line; --json the stable JSON (src/audit/report.ts);
// -o an .xlsx report written atomically. A progress bar on a TTY for more than a few files (never with
// --json). Exit code: 0 clean, 1 any finding, 2 any unreadable input.
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import * as path from 'path';
import { auditWorkbook } from '../audit/file';
import { auditJson, auditWorkbookReport, renderFindings, summaryLine } from '../audit/report';
import { exitCodeOf, type FileAudit } from '../audit/types';
import { expandInputs } from '../consolidate/inputs';
import { assertOutputFolder, writeFileAtomic } from './atomic';
import { terminalJson, visible } from './terminal';
import type { CliContext } from './main';

/** More files than this get a progress bar (on a TTY). */
export const PROGRESS_THRESHOLD = 3;

export interface AuditCommandOptions {
  /** Where the progress bar is drawn; default process.stderr. */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Progress {
  start(total: number): void;
  tick(file: string): void;
  stop(): void;
}

const SILENT: Progress = { start() {}, tick() {}, stop() {} };

/** A cli-progress bar on a TTY for more than PROGRESS_THRESHOLD files; silent otherwise, and always with --json. */
export function makeProgress(files: number, json: boolean, stream: NodeJS.WritableStream & { isTTY?: boolean }): Progress {
  if (json || !stream.isTTY || files <= PROGRESS_THRESHOLD) return SILENT;
  const bar = new SingleBar({
    stream,
    format: '監査 / auditing [{bar}] {value}/{total} {file}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    fps: 10,
  });
  return {
    start: (total) => bar.start(total, 0, { file: '' }),
    tick: (file) => bar.increment(1, { file: visible(path.basename(file)) }),
    stop: () => bar.stop(),
  };
}

export function registerAudit(program: Command, ctx: CliContext, options: AuditCommandOptions = {}): void {
  program
    .command('audit')
    .description('監査: 達成率・達成件数を再計算してワークブックの表示・計算式・入力と照合 / recompute every rate and 達成件数 and compare with what the workbooks show, their formulas and their inputs')
    .argument('<inputs...>', '.xlsx files or folders (searched for *.xlsx)')
    .option('--json', 'machine-readable output (see README "Audit")')
    .option('-o, --output <file>', 'also write the findings to an .xlsx report')
    .action(async (inputs: string[], opts: { json?: boolean; output?: string }) => {
      if (opts.output !== undefined && !/\.xlsx$/i.test(opts.output)) {
        ctx.err(`hyoka: 報告書は .xlsx にしてください / the report must be an .xlsx file: ${opts.output}\n`);
        ctx.exitCode = 2;
        return;
      }
      const files = await expandInputs(inputs, { output: opts.output }); // refuses an output that is an input
      if (files.length === 0) {
        ctx.err(`hyoka: 監査するワークブック（.xlsx）がありません / no workbooks (.xlsx) to audit in: ${inputs.join(', ')}\n`);
        ctx.exitCode = 2;
        return;
      }
      if (opts.output) await assertOutputFolder(opts.output);
      const progress = makeProgress(files.length, !!opts.json, options.progressStream ?? process.stderr);
      const results: FileAudit[] = [];
      progress.start(files.length);
      try {
        for (const file of files) {
          const audit = await auditWorkbook(file); // never throws: a bad file comes back 'unreadable'
          // The per-cell detail is only printed with --json and written with -o (the 再計算 sheet):
          // otherwise a long batch keeps just the findings.
          results.push(opts.json || opts.output ? audit : { ...audit, items: [] });
          progress.tick(file);
        }
      } finally {
        progress.stop();
      }
      if (opts.output) await writeFileAtomic(opts.output, await auditWorkbookReport(results));
      if (opts.json) ctx.out(terminalJson(auditJson(results)) + '\n');
      else {
        ctx.out(renderFindings(results));
        if (opts.output) ctx.out(`${opts.output}: 報告書 / report written\n`);
        ctx.out(summaryLine(results) + '\n');
      }
      ctx.exitCode = Math.max(ctx.exitCode, exitCodeOf(results));
    });
}
