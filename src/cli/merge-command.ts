// hyoka merge record.json 返送/ --register 配布台帳.json -o record-R5.json: the plan of record after a round.
// The returns are matched exactly as collect matches them (stamp, 差替, --choose); the round year's inputs
// of the accepted ones are taken (src/round/merge.ts), each actual with its source. What could not be taken
// (a value the engine cannot evaluate, a conflict between two departments, an item nobody returned, a
// locked cell a department changed) is listed on stderr with its file and cell. Exit 0: every department
// returned and everything was taken; 1: something to look at; 2: bad input.
import type { Command } from 'commander';
import { collect, collectLine, isComplete, readRegister } from '../round/collect';
import { mergeRound } from '../round/merge';
import { parsePlan } from '../model/validate';
import { loadPlanFile } from './plan-file';
import { writeFileAtomic } from './atomic';
import { printFindings, repeat, returnedFiles } from './collect-command';
import { CliError, EXIT } from './errors';
import { terminalJson } from './terminal';
import type { CliContext } from './main';

interface MergeOptions {
  register: string;
  output?: string;
  json?: boolean;
  choose: string[];
  approve: string[];
}

export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('記録への反映: 返送の当年度分を計画の記録に取り込む / merge a round\'s returns into the plan of record')
    .argument('<record>', 'the plan of record (plan JSON) the round was distributed from')
    .argument('<returns...>', 'returned .xlsx files or folders')
    .requiredOption('--register <file>', 'the register (配布台帳) JSON written by distribute')
    .option('-o, --output <file>', 'the new plan of record (JSON) to write')
    .option('--json', 'print what was merged as JSON')
    .option('--choose <file>', 'take this file of a 差替 pair instead of the newest (repeatable)', repeat, [])
    .option('--approve <item:kpi>', 'apply this 目標変更 request, e.g. 2-8-18:1 (repeatable)', repeat, [])
    .action(async (record: string, inputs: string[], opts: MergeOptions) => runMerge(record, inputs, opts, ctx));
}

/** 「2-8-18:1」 → the item and KPI whose 目標変更 the office approves. */
function approvalOf(text: string): { itemId: string; kpiNo: number } {
  const m = /^(.+):(\d+)$/.exec(text.trim());
  if (!m) {
    const ja = `--approve は 実施項目ID:指標番号 で指定してください（例 2-8-18:1）: ${text}`;
    throw new CliError(ja, `--approve takes ITEM:KPI, e.g. 2-8-18:1: ${text}`);
  }
  return { itemId: m[1], kpiNo: Number(m[2]) };
}

async function runMerge(recordFile: string, inputs: string[], opts: MergeOptions, ctx: CliContext): Promise<void> {
  if (!opts.output && !opts.json) {
    throw new CliError('出力ファイル（-o record.json）か --json を指定してください', 'give an output file (-o record.json) or --json');
  }
  const files = await returnedFiles({ inputs, output: opts.output, alsoInputs: [recordFile, opts.register] });
  const record = await loadPlanFile(recordFile);
  const register = await readRegister(opts.register);
  if (record.plan.id !== register.planId) {
    throw new CliError(
      `記録の計画（${record.plan.id}）は配布台帳の計画（${register.planId}）と違います`,
      `the record's plan (${record.plan.id}) is not the register's (${register.planId})`,
      recordFile,
    );
  }

  const approve = opts.approve.map(approvalOf);
  const collection = await collect(register, files, { choose: opts.choose });
  printFindings(collection, ctx);
  const merged = mergeRound({ record, register, returns: collection.files, approve });
  for (const n of merged.notes) {
    const at = n.sheet ? ` ['${n.sheet}'!${n.cell}]` : '';
    ctx.err(`hyoka: ${n.file ?? n.itemId}${at}: ${n.message.ja} / ${n.message.en}\n`);
  }
  // The record must stay a valid plan file: checked as validate would before anything is written.
  const checked = parsePlan(merged.plan);
  if (!checked.ok) {
    const p = checked.problems[0];
    const en = `the merged record is not a valid plan: ${p.path} ${p.en}`;
    throw new CliError(`取り込んだ記録が計画として不正です: ${p.path} ${p.ja}`, en);
  }
  if (opts.output) await writeFileAtomic(opts.output, JSON.stringify(merged.plan, null, 2) + '\n');
  const { taken, approved, notes, plan } = merged;
  const json = { version: 1, year: register.year, taken, approved, notes, plan };
  if (opts.json) ctx.out(terminalJson(json) + '\n');

  const say = opts.json ? ctx.err : ctx.out;
  const target = opts.output ? ` → ${opts.output}` : '';
  const line = collectLine(collection);
  const look = merged.notes.filter((n) => n.kind !== 'target-change-applied').length;
  const ja = `反映: 実績 ${merged.taken} 件、目標変更 ${merged.approved} 件、要確認 ${look} 件${target}`;
  say(`${ja} / merged: ${merged.taken} actuals, ${merged.approved} target changes, ${look} to look at${target}\n`);
  say(`${line.ja} / ${line.en}\n`);
  const clean = isComplete(collection) && merged.notes.every((n) => n.kind === 'target-change-applied');
  ctx.exitCode = Math.max(ctx.exitCode, clean ? EXIT.ok : EXIT.findings);
}
