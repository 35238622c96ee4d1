// hyoka distribute plan.json --year R5 -o 配布/ [--departments 所属.csv] [--password-stdin] [--force] [--json]:
// one workbook per department for the year's round (src/round/distribute.ts), then the register
// 配布台帳.json and 配布台帳.xlsx. Everything is checked (each workbook read back) before anything is
// written; every file is written atomically; the register comes last, so a register in the folder means a
// complete distribution. An earlier round's files are never replaced without --force. Exit 0 written, 2 bad input.
import type { Command } from 'commander';
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadPlanFile, firstInvalidUtf8 } from './plan-file';
import { DepartmentDirectory, parseDepartmentCsv } from '../round/departments';
import { planRound, roundWorkbook, REGISTER_JSON, REGISTER_XLSX } from '../round/distribute';
import { registerWorkbookBuffer } from '../round/register-sheet';
import { assertOutputNotInput } from '../consolidate/inputs';
import { writeFileAtomic } from './atomic';
import { CliError } from './errors';
import { resolvePassword, type PasswordIo } from './password';
import { terminalJson } from './terminal';
import type { CliContext } from './main';

/** A department list is a few kilobytes; more is not one. */
const MAX_CSV_BYTES = 1024 * 1024;

interface Options {
  year: string;
  output: string;
  departments?: string;
  roundId?: string;
  password?: string;
  passwordStdin?: boolean;
  force?: boolean;
  json?: boolean;
}

async function readDepartments(file: string): Promise<DepartmentDirectory> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw new CliError('所属一覧がファイルではありません', 'the department list is not a file', file);
  if (stat.size > MAX_CSV_BYTES) {
    const ja = `所属一覧が大きすぎます（上限 ${MAX_CSV_BYTES} バイト）`;
    throw new CliError(ja, `the department list is too large (at most ${MAX_CSV_BYTES} bytes)`, file);
  }
  const bytes = await fs.readFile(file);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    const ja = `${line} 行目が UTF-8 ではありません（UTF-8 で保存してください）`;
    throw new CliError(ja, `line ${line} is not UTF-8 (save the list as UTF-8)`, file);
  }
  return new DepartmentDirectory(parseDepartmentCsv(bytes.toString('utf8'), file));
}

/** The output folder, made when missing (its parent must exist); a file there is refused. */
async function outputFolder(folder: string): Promise<void> {
  const stat = await fs.stat(folder).catch(() => null);
  if (stat?.isDirectory()) return;
  if (stat) throw new CliError('出力先はフォルダーにしてください', 'the output (-o) must be a folder', folder);
  await fs.mkdir(folder).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    const parent = path.dirname(path.resolve(folder));
    throw new CliError(`出力先の親フォルダーがありません: ${parent}`, `the output folder's parent does not exist: ${parent}`, folder);
  });
}

/** Files of an earlier distribution in the folder are not replaced without --force. */
async function refuseEarlierRound(folder: string, names: string[]): Promise<void> {
  const there = await Promise.all(names.map((n) => fs.lstat(path.join(folder, n)).then(() => n, () => null)));
  const found = there.filter((n) => n !== null);
  if (found.length === 0) return;
  const more = found.length - 3;
  const [ja, en] = [found.slice(0, 3).join('、'), found.slice(0, 3).join(', ')];
  throw new CliError(
    `前の配布のファイルがあります（${ja}${more > 0 ? ` ほか ${more} 件` : ''}）。置き換えるには --force`,
    `files of an earlier distribution are there (${en}${more > 0 ? ` and ${more} more` : ''}); --force replaces them`,
    folder,
  );
}

async function runDistribute(planFile: string, opts: Options, ctx: CliContext, io: PasswordIo): Promise<void> {
  const plan = await loadPlanFile(planFile);
  const directory = opts.departments ? await readDepartments(opts.departments) : undefined;
  const { register, notes } = planRound(plan, { year: opts.year, directory, roundId: opts.roundId, file: planFile });
  const inputs = [planFile, ...(opts.departments ? [opts.departments] : [])];
  // The register first: it is what the office looks for.
  const names = [REGISTER_JSON, REGISTER_XLSX, ...register.entries.map((e) => e.file)];
  for (const name of names) await assertOutputNotInput(path.join(opts.output, name), inputs);
  if (!opts.force) await refuseEarlierRound(opts.output, names);
  const password = await resolvePassword(opts, io);
  // Every workbook built and read back before the first is written (a few hundred kilobytes each).
  const workbooks: Buffer[] = [];
  for (const entry of register.entries) workbooks.push(await roundWorkbook(register, entry, password));
  await outputFolder(opts.output);
  for (const n of notes) ctx.err(`hyoka: ${planFile}: ${n.ja} / ${n.en}\n`);

  const say = opts.json ? ctx.err : ctx.out;
  for (const [i, entry] of register.entries.entries()) {
    await writeFileAtomic(path.join(opts.output, entry.file), workbooks[i]);
    say(`${entry.file}: ${entry.department.name} — ${entry.items.length} 実施項目 / items\n`);
  }
  await writeFileAtomic(path.join(opts.output, REGISTER_JSON), JSON.stringify(register, null, 2) + '\n');
  await writeFileAtomic(path.join(opts.output, REGISTER_XLSX), await registerWorkbookBuffer(register));
  const [items, files, id, to] = [plan.items.length, register.entries.length, register.roundId, opts.output];
  say(
    `配布 ${id}: ${files} 所属に ${items} 実施項目 → ${to}（${REGISTER_JSON}・${REGISTER_XLSX}）\n` +
      `distributed ${id}: ${items} items to ${files} departments → ${to} (${REGISTER_JSON}, ${REGISTER_XLSX})\n`,
  );
  if (opts.json) ctx.out(terminalJson(register) + '\n');
}

export function registerDistribute(program: Command, ctx: CliContext, io: PasswordIo): void {
  program
    .command('distribute')
    .description('年度の配布: 所属ごとのワークブックと配布台帳を作成 / write one workbook per department for a year\'s round, and the register')
    .argument('<plan>', 'plan JSON file (a plan of record rolls over to its next year)')
    .requiredOption('--year <year>', 'the year being evaluated, one of the plan\'s years (e.g. R5)')
    .requiredOption('-o, --output <folder>', 'folder for the workbooks and 配布台帳.json/.xlsx (made when missing)')
    .option('--departments <csv>', 'department list: UTF-8 CSV, header code,name,aliases (aliases separated by ;)')
    .option('--round-id <id>', 'the round id (default: <year>-<UTC time>, e.g. R5-20261202T102045Z)')
    .option('--password <password>', 'protect the sheets with this password (visible to others: prefer the two below)')
    .option('--password-stdin', 'read the password from the first line of standard input (a hidden prompt on a TTY)')
    .option('--force', 'replace the files of an earlier distribution in the folder')
    .option('--json', 'print the register as JSON (the file lines go to standard error)')
    .addHelpText('after', '\nHYOKA_PASSWORD: the password, when neither --password nor --password-stdin is given')
    .action(async (planFile: string, opts: Options) => runDistribute(planFile, opts, ctx, io));
}
