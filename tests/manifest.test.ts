// manifest.xml validates offline against Microsoft's add-in manifest schemas (../shared/xsd, see its
// README) and carries the Japanese default strings with their English overrides.
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const SCHEMA = path.join(ROOT, '..', 'shared', 'xsd', 'OfficeAppManifestV1_1.xsd');
const xml = fs.readFileSync(MANIFEST, 'utf8');

test('xmllint validates manifest.xml against OfficeAppManifestV1_1.xsd', () => {
  expect(fs.existsSync(SCHEMA)).toBe(true);
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, MANIFEST], { encoding: 'utf8' });
  expect(run.error).toBeUndefined();
  expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: `${MANIFEST} validates` });
});

test('ja-JP default with en-US overrides for the name, description and ribbon strings', () => {
  expect(xml).toContain('<DefaultLocale>ja-JP</DefaultLocale>');
  expect(xml).toMatch(/<DisplayName DefaultValue="評価[^"]*">\s*<Override Locale="en-US" Value="Hyoka[^"]*"\/>/);
  expect(xml).toMatch(/<Description DefaultValue="[^"]*評価シート[^"]*">\s*<Override Locale="en-US" Value="[^"]*evaluation sheets[^"]*"\/>/);
  // Every ribbon string has an English override.
  const strings = [...xml.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]+)">\s*<bt:Override Locale="en-US" Value="([^"]+)"\/>/g)];
  const ids = [...xml.matchAll(/<bt:String id="([^"]+)"/g)].map((m) => m[1]);
  expect(strings.map((m) => m[1])).toEqual(ids);
  for (const [, , ja, en] of strings) {
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e—]+$/);
  }
});

test('a Home-tab button opens the task pane; the icons it names exist', () => {
  expect(xml).toContain('xsi:type="TaskPaneApp"');
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  expect(xml).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
  const icons = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+\.png)/g)].map((m) => m[1]);
  expect(icons.length).toBeGreaterThanOrEqual(3);
  for (const icon of icons) {
    const png = fs.readFileSync(path.join(ROOT, icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const size = Number(/icon-(\d+)\.png$/.exec(icon)![1]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});
