// What the distribute tests share: the real CLI in a child process (the TypeScript sources through
// tests/cli/register-ts.js, as tests/cli/atomic.test.ts runs it), a small plan cut from the bundled one,
// and a distribution folder read back — its register and, per file, the stamp and plan the workbook holds.
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Plan } from '../../src/model/plan';
import { Register } from '../../src/round/register';
import { stampOf, type StampRead } from '../../src/round/stamp';
import { loadWorkbook, workbookMetadata, workbookToPlan } from '../../src/xlsx/read';
import { REPO } from '../support/plans';

export interface ChildRun {
  code: number | null;
  out: string;
  err: string;
}

/** `hyoka …` as a separate process, its exit code and output. */
export function spawnHyoka(args: string[], stdin = ''): Promise<ChildRun> {
  const register = path.join(REPO, 'tests', 'cli', 'register-ts.js');
  const main = path.join(REPO, 'src', 'cli', 'main.ts');
  const child = spawn(process.execPath, ['-r', register, main, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** The first `count` items of a plan that have KPIs, with the plan header unchanged. */
export function smallPlan(plan: Plan, count: number): Plan {
  return { ...plan, items: plan.items.filter((i) => i.kpis.length > 0).slice(0, count) };
}

export interface ReadBack {
  file: string;
  stamp: StampRead;
  plan: Plan;
}

/** The register of a distribution folder (checked by its schema) and every workbook it lists, read back. */
export async function readDistribution(folder: string): Promise<{ register: Register; files: ReadBack[] }> {
  const register = Register.parse(JSON.parse(await fs.readFile(path.join(folder, '配布台帳.json'), 'utf8')));
  const files: ReadBack[] = [];
  for (const entry of register.entries) {
    const file = path.join(folder, entry.file);
    const wb = await loadWorkbook(file);
    files.push({ file: entry.file, stamp: stampOf(workbookMetadata(wb, file)), plan: workbookToPlan(wb, file) });
  }
  return { register, files };
}

/** A name Windows accepts: no reserved characters, no trailing dot or space, not a device name; ≤ 40 + .xlsx. */
export function windowsSafe(name: string): boolean {
  const base = name.replace(/\.xlsx$/, '');
  return (
    name.endsWith('.xlsx') &&
    base.length <= 40 &&
    !/[\\/:*?"<>|\u0000-\u001f]/.test(name) &&
    !/[. ]$/.test(base) &&
    !/^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\.|$)/i.test(name)
  );
}
