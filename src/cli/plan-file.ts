// Loading a plan file: JSON syntax errors with line and column, then every schema problem with its
// JSON path, in Japanese and English. Nothing is written when a plan is invalid.
import { promises as fs } from 'fs';
import type { Plan } from '../model/plan';
import { parsePlan, type PlanProblem } from '../model/validate';

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PlanProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s)`);
  }
}

export function formatProblems(e: PlanFileError): string {
  const lines = [`hyoka: ${e.file}: 計画ファイルに ${e.problems.length} 件の問題があります / ${e.problems.length} problem(s) in the plan file`];
  for (const p of e.problems) lines.push(`  ${p.path}: ${p.ja} / ${p.en}`);
  lines.push('何も書き出していません / nothing was written');
  return lines.join('\n') + '\n';
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}行 ${offset - before.lastIndexOf('\n')}列 / line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

export function parsePlanText(text: string, file: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? lineColumn(text, Number(m[1])) : '';
    throw new PlanFileError(file, [{ path: '$', ja: `JSON として読めません（${where.split(' / ')[0] || '位置不明'}）`, en: `not valid JSON (${where.split(' / ')[1] || (e as Error).message})` }]);
  }
  const result = parsePlan(data);
  if (!result.ok) throw new PlanFileError(file, result.problems);
  return result.plan;
}

export async function loadPlanFile(file: string): Promise<Plan> {
  return parsePlanText(await fs.readFile(file, 'utf8'), file);
}
