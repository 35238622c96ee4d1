// hyoka — the command line: generate, export, evaluate, validate, schema.
// Exit codes (src/cli/errors.ts EXIT): 0 ok, 1 findings, 2 bad input, 3 internal error. Everything printed
// goes through visible() (src/cli/terminal.ts); every failure through describeFailure (no stack traces).
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { Layout, Plan } from '../model/plan';
import { parseFiscalYear } from '../model/fiscal-year';
import { availableLayouts } from '../layout/registry';
import { evaluatePlan } from '../rules/evaluate';
import { buildWorkbookLayout } from '../layout/workbook';
import { writeWorkbookBuffer } from '../xlsx/write';
import { readPlanFromWorkbook, type Locations } from '../xlsx/read';
import { loadPlanFile, PlanFileError } from './plan-file';
import { renderEvaluationTable, evaluationJson } from './report';
import { assertOutputFolder, writeFileAtomic } from './atomic';
import { assertOutputNotInput } from '../consolidate/inputs';
import { CliError, describeFailure, EXIT } from './errors';
import { translateCommanderError } from './commander-text';
import { resolvePassword, type PasswordIo } from './password';
import { terminalJson, visible } from './terminal';
import { registerConsolidate } from './consolidate-command';
import { registerAudit } from './audit-command';
import { registerCollect } from './collect-command';
import { registerDistribute } from './distribute-command';
import { registerMerge } from './merge-command';

export const BUNDLED_PLAN = path.join(__dirname, '..', '..', 'seeds', 'gunma-2020.json');

/** A wrong option: "ja / en" in one message. */
class UsageError extends CliError {
  constructor(message: string) {
    const cut = message.indexOf(' / ');
    super(cut < 0 ? message : message.slice(0, cut), cut < 0 ? message : message.slice(cut + 3));
  }
}

function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** soffice missing or failing after the workbook was written: say which file, and that the workbook is there. */
async function printPdf(output: string): Promise<string> {
  const { convertToPdf, LibreOfficeError } = await import('../xlsx/libreoffice');
  try {
    return await convertToPdf(path.resolve(output), path.dirname(path.resolve(output)));
  } catch (e) {
    if (!(e instanceof LibreOfficeError)) throw e;
    const [first, ...rest] = e.message.split('\n');
    const [ja, en] = first.split(' / ');
    const tail = rest.slice(-5).map((l) => `\n  ${l.slice(0, 200)}`).join('');
    throw new CliError(
      `PDF を作れませんでした（ワークブックは書き出し済みです）: ${ja}`,
      `could not make the PDF (the workbook was written): ${en ?? ja}${tail}`,
      output,
    );
  }
}

async function planOrWorkbook(input: string, locations?: Locations) {
  if (/\.xlsx$/i.test(input)) return readPlanFromWorkbook(input, locations);
  return loadPlanFile(input);
}

interface GenerateOptions {
  output: string;
  pdf?: boolean;
  password?: string;
  passwordStdin?: boolean;
  layout?: string;
  year?: string;
  charts?: boolean;
}

/** What a command needs from the CLI: output streams, and an exit code it may raise (1 = findings). */
export interface CliContext {
  out: (s: string) => void;
  err: (s: string) => void;
  exitCode: number;
}

/** `--year` as the plan knows it (「R5」, 「令和5年度」, 2023 …), or why not. */
function lockYear(text: string, plan: Plan): string {
  const year = parseFiscalYear(text);
  if (year && plan.plan.years.includes(year)) return year;
  const years = plan.plan.years.join('・');
  throw new UsageError(
    `--year ${text} は計画の年度（${years}）ではありません / --year ${text} is not one of the plan's years (${years})`,
  );
}

export function buildProgram(
  out: (s: string) => void,
  err: (s: string) => void,
  ctx: CliContext = { out, err, exitCode: 0 },
  io: PasswordIo = { stdin: process.stdin, env: process.env, err },
): Command {
  const program = new Command('hyoka')
    .description('行財政改革 実施計画 評価シート — generate, read back, evaluate and check evaluation workbooks')
    .version(packageVersion(), '-V, --version', 'バージョンを表示 / print the version')
    .exitOverride()
    .configureOutput({
      writeOut: out,
      writeErr: err,
      outputError: (text, write) => write(translateCommanderError(text)),
    });

  program
    .command('generate')
    .description('計画ファイルから評価ワークブックを作成 / build the evaluation workbook from a plan file (default: bundled Gunma 2020–2024 plan)')
    .argument('[plan]', 'plan JSON file (version 1)', BUNDLED_PLAN)
    .requiredOption('-o, --output <file>', 'output .xlsx file')
    .option('--pdf', 'also print the workbook to PDF through LibreOffice (same name, .pdf)')
    .option('--password <password>', 'protect the sheets with this password (visible to others: prefer the two below)')
    .option('--password-stdin', 'read the password from the first line of standard input (a hidden prompt on a TTY)')
    .option('--layout <layout>', `sheet layout, overriding the plan's own (${Layout.options.join(', ')})`)
    .option('--year <year>', "lock by year: only this year's inputs open, everything else under sheet protection")
    .option('--charts', 'add a 推移 sheet: a native trend chart (目標 and 実績 by year) per numeric KPI')
    .addHelpText('after', '\nHYOKA_PASSWORD: the password, when neither --password nor --password-stdin is given')
    .action(async (planFile: string, opts: GenerateOptions) => {
      if (!/\.xlsx$/i.test(opts.output)) throw new UsageError(`出力ファイルは .xlsx にしてください / the output must be an .xlsx file: ${opts.output}`);
      const layout = opts.layout === undefined ? undefined : Layout.safeParse(opts.layout);
      if (layout && !layout.success) throw new UsageError(`レイアウト「${opts.layout}」はありません / unknown layout "${opts.layout}" (${Layout.options.join(', ')})`);
      if (layout && !availableLayouts().includes(layout.data)) throw new UsageError(`レイアウト「${opts.layout}」はまだ使えません / layout "${opts.layout}" is not available yet (${availableLayouts().join(', ')})`);
      const pdfFile = opts.output.replace(/\.xlsx$/i, '.pdf');
      await assertOutputNotInput(opts.output, [planFile]);
      if (opts.pdf) await assertOutputNotInput(pdfFile, [planFile]);
      await assertOutputFolder(opts.output);
      const password = await resolvePassword(opts, io);
      const plan = await loadPlanFile(planFile);
      const year = opts.year === undefined ? undefined : lockYear(opts.year, plan);
      const lock = year ? { year, password } : undefined;
      const layoutOf = buildWorkbookLayout(plan, undefined, { layout: layout?.data, lock, charts: opts.charts });
      const buffer = await writeWorkbookBuffer(layoutOf, { password });
      await writeFileAtomic(opts.output, buffer);
      out(`${opts.output}: ${plan.items.length} 実施項目 / items, ${plan.plan.years.join('・')}\n`);
      if (opts.pdf) out(`${await printPdf(opts.output)}\n`);
    });

  program
    .command('export')
    .description('記入済みのワークブックを計画ファイルに書き出す / read a filled workbook back into a plan file')
    .argument('<workbook>', '.xlsx made by hyoka')
    .requiredOption('-o, --output <file>', 'output plan JSON')
    .action(async (workbook: string, opts: { output: string }) => {
      await assertOutputNotInput(opts.output, [workbook]);
      await assertOutputFolder(opts.output);
      const plan = await readPlanFromWorkbook(workbook);
      const checked = Plan.safeParse(plan);
      if (!checked.success) throw new PlanFileError(workbook, checked.error.issues.map((i) => ({ path: i.path.join('.'), ja: i.message, en: i.message })));
      await writeFileAtomic(opts.output, JSON.stringify(plan, null, 2) + '\n');
      out(`${opts.output}: ${plan.items.length} 実施項目 / items\n`);
    });

  program
    .command('evaluate')
    .description('達成率と達成件数を計算して表示 / compute every rate and 達成件数')
    .argument('<input>', 'plan JSON or workbook .xlsx')
    .option('--json', 'machine-readable output')
    .option('--lang <lang>', 'ja (default) or en', 'ja')
    .action(async (input: string, opts: { json?: boolean; lang: string }) => {
      const locations: Locations = {};
      const plan = await planOrWorkbook(input, locations);
      const result = evaluatePlan(plan);
      const lang = opts.lang === 'en' ? 'en' : 'ja';
      const json = () => terminalJson(evaluationJson(plan, result, locations)) + '\n';
      out(opts.json ? json() : renderEvaluationTable(plan, result, lang, locations));
    });

  program
    .command('validate')
    .description('計画ファイルを検査 / check a plan file and list every problem')
    .argument('<plan>', 'plan JSON file')
    .action(async (planFile: string) => {
      const plan = await loadPlanFile(planFile);
      out(`${planFile}: OK (${plan.items.length} 実施項目 / items)\n`);
    });

  program
    .command('schema')
    .description('計画ファイルの JSON Schema を出力 / print the plan file JSON Schema')
    .action(() => {
      out(terminalJson(z.toJSONSchema(Plan, { io: 'input' })) + '\n');
    });

  // Further commands register themselves here: register(program, ctx).
  registerConsolidate(program, ctx);
  registerAudit(program, ctx);
  registerCollect(program, ctx);
  registerDistribute(program, ctx, io);
  registerMerge(program, ctx);
  return program;
}

/** Where main reads from besides argv: standard input and the environment (tests give their own). */
export interface MainIo {
  stdin?: PasswordIo['stdin'];
  env?: NodeJS.ProcessEnv;
}

/** Runs the CLI; resolves to the exit code (EXIT: 0 ok, 1 findings, 2 bad input, 3 internal error). Never rejects. */
export async function main(
  argv: string[],
  rawOut: (s: string) => void = (s) => void process.stdout.write(s),
  rawErr: (s: string) => void = (s) => void process.stderr.write(s),
  io: MainIo = {},
): Promise<number> {
  const out = (s: string) => rawOut(visible(s));
  const err = (s: string) => rawErr(visible(s));
  const env = io.env ?? process.env;
  const ctx: CliContext = { out, err, exitCode: 0 };
  try {
    const program = buildProgram(out, err, ctx, { stdin: io.stdin ?? process.stdin, env, err });
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (e) {
    // Commander has printed its (translated) message or the help already.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    const failure = describeFailure(e, env.HYOKA_DEBUG === '1');
    err(failure.text);
    return failure.code;
  }
}

if (require.main === module) {
  main(process.argv).then((c) => (process.exitCode = c));
}
