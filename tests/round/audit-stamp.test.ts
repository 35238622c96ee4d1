// The audit of a round workbook compares it with its stamp: a past actual rewritten (which the audit cannot
// see against the metadata, since the metadata holds no actuals) is a changed-since-sent finding, never
// clean; filling the round year's inputs is not a change. Checked on the file and after a LibreOffice save.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { auditWorkbook } from '../../src/audit';
import { fingerprintOf, type RoundStamp } from '../../src/round/stamp';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan, type Locations } from '../../src/xlsx/read';
import { recalculate } from '../../src/xlsx/libreoffice';
import { bundledPlan } from '../support/plans';

jest.setTimeout(180_000);

let dir: string;
let sent: string;
let locations: Locations;
const ITEM = '2-8-18';

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-audit-stamp-'));
  const plan = await bundledPlan();
  const sub = { ...plan, items: plan.items.filter((i) => i.id === ITEM) };
  const stamp: RoundStamp = {
    version: 1, planId: sub.plan.id, roundId: 'R5-audit', year: 'R5', recipient: { name: '人事課' },
    issuedAt: '2026-12-02T00:00:00Z', itemIds: [ITEM], fingerprint: fingerprintOf(sub, 'R5'),
  };
  sent = path.join(dir, 'sent.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(sub, undefined, { round: stamp }), sent);
  locations = {};
  workbookToPlan(await loadWorkbook(sent), sent, locations);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function typed(name: string, cells: Record<string, number>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sent);
  const ws = wb.getWorksheet(locations[ITEM][1].R5.sheet)!;
  for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const kinds = async (file: string) => (await auditWorkbook(file)).problems.map((p) => p.kind);

test('untouched, or only R5 filled: no changed-since-sent', async () => {
  expect(await kinds(sent)).not.toContain('changed-since-sent');
  const filled = await typed('filled.xlsx', { [locations[ITEM][1].R5.actual]: 11 });
  expect(await kinds(filled)).not.toContain('changed-since-sent');
});

test('a rewritten R4 actual is changed-since-sent, also after a LibreOffice save', async () => {
  const rewritten = await typed('rewritten.xlsx', { [locations[ITEM][1].R4.actual]: 9 });
  const audit = await auditWorkbook(rewritten);
  expect(audit.status).toBe('findings');
  const finding = audit.problems.find((p) => p.kind === 'changed-since-sent')!;
  expect(finding.ja).toContain('人事課');
  expect(finding.en).toContain('R5-audit');
  const saved = await recalculate(rewritten, path.join(dir, 'lo'));
  expect(await kinds(saved)).toContain('changed-since-sent');
});
