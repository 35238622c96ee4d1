// Nothing to audit is bad input (exit 2), as it is for consolidate: an empty folder never audits "clean".
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

test('audit of an empty folder exits 2 and says why, in both languages', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-audit-empty-'));
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', 'audit', dir], (s) => void (out += s), (s) => void (err += s));
  await fs.rm(dir, { recursive: true, force: true });
  expect(code).toBe(2);
  expect(err).toContain('監査するワークブック（.xlsx）がありません');
  expect(err).toContain('no workbooks (.xlsx) to audit');
  expect(out).toBe('');
});
