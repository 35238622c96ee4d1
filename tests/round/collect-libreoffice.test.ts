// A return saved by a real spreadsheet: the clerk's workbook opened and saved by LibreOffice (which
// rewrites the whole file as Excel does: its own XML, shared strings, styles, docProps). The stamp is
// still read, the file is matched and accepted, its frozen part still has the sent fingerprint
// (untouched), and what the clerk typed is read back.
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { recalculate } from '../../src/xlsx/libreoffice';
import { collect } from '../../src/round/collect';
import { filled, makeRound, tempDir, writeReturn } from './support-collect';

jest.setTimeout(300_000);

test('a LibreOffice-saved return is matched, accepted and untouched', async () => {
  const round = await makeRound({ departments: ['人事課', '財政課'] });
  const dir = await tempDir();
  const [jinji, zaisei] = round.sent;
  const typed = path.join(dir, 'typed');
  const saved = path.join(dir, '返送');
  await fs.mkdir(typed);
  await fs.mkdir(saved);
  for (const s of [jinji, zaisei]) await recalculate(await writeReturn(s, path.join(typed, s.entry.file)), saved);
  // Sanity: LibreOffice did rewrite the file (its own application name in docProps).
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(saved, jinji.entry.file)));
  expect(await zip.file('docProps/app.xml')!.async('string')).toContain('LibreOffice');
  const mtime = new Date('2020-01-01T00:00:00Z');
  await fs.utimes(path.join(saved, jinji.entry.file), mtime, mtime);

  const result = await collect(round.register, [jinji, zaisei].map((s) => path.join(saved, s.entry.file)));
  expect(result.files.map((f) => [f.status, f.untouched, f.entry?.department.name])).toEqual([
    ['accepted', true, '人事課'],
    ['accepted', true, '財政課'],
  ]);
  expect(result.missing).toEqual([]);
  // A headless conversion keeps hyoka's docProps save time (1970, never saved): the file's mtime stands in.
  expect(result.files[0].savedAt).toBe(mtime.toISOString());
  expect(result.files[0].plan!.items[0].evaluations.R5?.factors).toBe(filled(jinji).items[0].evaluations.R5?.factors);
  expect(result.files[0].plan!.items[0].kpis[0].actuals.R5).toBe(filled(jinji).items[0].kpis[0].actuals.R5);
});
