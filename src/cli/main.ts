// hyoka — the command line: generate, export, evaluate, validate, schema.
import { Command, CommanderError } from 'commander';
import * as path from 'path';
import { z } from 'zod';
import { Layout, Plan } from '../model/plan';
import { availableLayouts } from '../layout/registry';
import { evaluatePlan } from '../rules/evaluate';
import { buildWorkbookLayout } from '../layout/workbook';
import { writeWorkbookBuffer } from '../xlsx/write';
import { readPlanFromWorkbook, WorkbookReadError, type Locations } from '../xlsx/read';
import { loadPlanFile, PlanFileError, formatProblems } from './plan-file';
import { renderEvaluationTable, evaluationJson } from './report';
import { writeFileAtomic } from './atomic';
import { registerConsolidate } from './consolidate-command';
import { registerAudit } from './audit-command';

export const BUNDLED_PLAN = path.join(__dirname, '..', '..', 'seeds', 'gunma-2020.json');

class UsageError extends Error {}

async function planOrWorkbook(input: string, locations?: Locations) {
  if (/\.xlsx$/i.test(input)) return readPlanFromWorkbook(input, locations);
  return loadPlanFile(input);
}

/** What a command needs from the CLI: output streams, and an exit code it may raise (1 = findings). */
export interface CliContext {
  out: (s: string) => void;
  err: (s: string) => void;
  exitCode: number;
}

export function buildProgram(out: (s: string) => void, err: (s: string) => void, ctx: CliContext = { out, err, exitCode: 0 }): Command {
  const program = new Command('hyoka')
    .description('行財政改革 実施計画 評価シート — generate, read back, evaluate and check evaluation workbooks')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

  program
    .command('generate')
    .description('計画ファイルから評価ワークブックを作成 / build the evaluation workbook from a plan file (default: bundled Gunma 2020–2024 plan)')
    .argument('[plan]', 'plan JSON file (version 1)', BUNDLED_PLAN)
    .requiredOption('-o, --output <file>', 'output .xlsx file')
    .option('--pdf', 'also print the workbook to PDF through LibreOffice (same name, .pdf)')
    .option('--password <password>', 'protect the sheets with this password (none by default)')
    .option('--layout <layout>', `sheet layout, overriding the plan's own (${Layout.options.join(', ')})`)
    .action(async (planFile: string, opts: { output: string; pdf?: boolean; password?: string; layout?: string }) => {
      if (!/\.xlsx$/i.test(opts.output)) throw new UsageError(`出力ファイルは .xlsx にしてください / the output must be an .xlsx file: ${opts.output}`);
      const layout = opts.layout === undefined ? undefined : Layout.safeParse(opts.layout);
      if (layout && !layout.success) throw new UsageError(`レイアウト「${opts.layout}」はありません / unknown layout "${opts.layout}" (${Layout.options.join(', ')})`);
      if (layout && !availableLayouts().includes(layout.data)) throw new UsageError(`レイアウト「${opts.layout}」はまだ使えません / layout "${opts.layout}" is not available yet (${availableLayouts().join(', ')})`);
      const plan = await loadPlanFile(planFile);
      const buffer = await writeWorkbookBuffer(buildWorkbookLayout(plan, undefined, { layout: layout?.data }), { password: opts.password });
      await writeFileAtomic(opts.output, buffer);
      out(`${opts.output}: ${plan.items.length} 実施項目 / items, ${plan.plan.years.join('・')}\n`);
      if (opts.pdf) {
        const { convertToPdf } = await import('../xlsx/libreoffice');
        const pdf = await convertToPdf(path.resolve(opts.output), path.dirname(path.resolve(opts.output)));
        out(`${pdf}\n`);
      }
    });

  program
    .command('export')
    .description('記入済みのワークブックを計画ファイルに書き出す / read a filled workbook back into a plan file')
    .argument('<workbook>', '.xlsx made by hyoka')
    .requiredOption('-o, --output <file>', 'output plan JSON')
    .action(async (workbook: string, opts: { output: string }) => {
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
      out(opts.json ? JSON.stringify(evaluationJson(plan, result, locations), null, 2) + '\n' : renderEvaluationTable(plan, result, opts.lang === 'en' ? 'en' : 'ja', locations));
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
      out(JSON.stringify(z.toJSONSchema(Plan, { io: 'input' }), null, 2) + '\n');
    });

  // Further commands register themselves here: register(program, ctx).
  registerConsolidate(program, ctx);
  registerAudit(program, ctx);
  return program;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 findings, 2 bad input). */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s),
): Promise<number> {
  const ctx: CliContext = { out, err, exitCode: 0 };
  const program = buildProgram(out, err, ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof PlanFileError) {
      err(formatProblems(e));
      return 2;
    }
    if (e instanceof WorkbookReadError || e instanceof UsageError) {
      err(`hyoka: ${e.message}\n`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      err(`hyoka: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv).then((c) => (process.exitCode = c));
}
