// The production build of the add-in (webpack.config.js → dist-addin/): the pages, the bundles, the
// manifest and icons; the first task-pane bundle within 300 KB gzipped; exceljs (and jszip) only in
// the lazily loaded chunk that parses the workbooks picked for 集計 (xlsx-reader), nowhere else.
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-addin');
const TMP = path.join(ROOT, 'tests', '.tmp');
const STATS = path.join(TMP, 'webpack-stats.json');
const FIRST_BUNDLE_LIMIT = 300 * 1024;

interface StatsModule {
  name: string;
  chunks?: (string | number)[];
  modules?: StatsModule[];
}
interface Stats {
  errorsCount: number;
  modules: StatsModule[];
  entrypoints: Record<string, { assets: { name: string }[] }>;
  namedChunkGroups: Record<string, { chunks: (string | number)[]; assets: { name: string }[] }>;
}

let stats: Stats;

beforeAll(() => {
  fs.mkdirSync(TMP, { recursive: true });
  const cli = path.join(path.dirname(require.resolve('webpack-cli/package.json')), 'bin', 'cli.js');
  const run = spawnSync(process.execPath, [cli, '--mode', 'production', '--json', STATS], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`webpack failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  stats = JSON.parse(fs.readFileSync(STATS, 'utf8'));
}, 320_000);

test('dist-addin has the pages, bundles, manifest and icons', () => {
  expect(stats.errorsCount).toBe(0);
  for (const file of ['taskpane.html', 'taskpane.js', 'commands.html', 'commands.js', 'manifest.xml', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-80.png'])
    expect([file, fs.existsSync(path.join(OUT, file))]).toEqual([file, true]);
  const taskpane = fs.readFileSync(path.join(OUT, 'taskpane.html'), 'utf8');
  expect(taskpane).toMatch(/<script[^>]+src=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
  expect(taskpane).toMatch(/<script[^>]+src=["']?taskpane\.js/);
  expect(taskpane).toContain('ワークブック作成（サンプル計画）');
  expect(fs.readFileSync(path.join(OUT, 'commands.html'), 'utf8')).toMatch(/<script[^>]+src=["']?commands\.js/);
});

test('the first task-pane bundle is under 300 KB gzipped', () => {
  const initial = stats.entrypoints.taskpane.assets.map((a) => a.name).filter((n) => n.endsWith('.js'));
  expect(initial).toContain('taskpane.js');
  const gzipped = initial.reduce((sum, name) => sum + zlib.gzipSync(fs.readFileSync(path.join(OUT, name)), { level: 9 }).length, 0);
  console.log(`task pane first bundle (${initial.join(', ')}): ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  expect(gzipped).toBeLessThan(FIRST_BUNDLE_LIMIT);
});

test('exceljs and jszip are only in the xlsx-reader chunk (集計\'s file parsing), loaded on demand', () => {
  const parsing = stats.namedChunkGroups['xlsx-reader'];
  expect(parsing).toBeDefined();
  const parsingChunks = new Set(parsing.chunks);
  // No other chunk group (the first bundle, the engine, the sample plan, the ribbon commands) shares them.
  for (const [name, group] of Object.entries(stats.namedChunkGroups))
    if (name !== 'xlsx-reader') expect([name, group.chunks.filter((c) => parsingChunks.has(c))]).toEqual([name, []]);
  const names: { name: string; chunks: (string | number)[] }[] = [];
  const walk = (modules: StatsModule[] | undefined, chunks: (string | number)[] = []) => {
    for (const m of modules ?? []) {
      names.push({ name: m.name, chunks: m.chunks ?? chunks });
      walk(m.modules, m.chunks ?? chunks);
    }
  };
  walk(stats.modules);
  expect(names.length).toBeGreaterThan(10);
  const xlsx = names.filter((m) => /exceljs|jszip|archiver|unzipper/i.test(m.name));
  expect(xlsx.map((m) => m.name).some((n) => /exceljs/.test(n))).toBe(true);
  for (const m of xlsx) expect([m.name, m.chunks.every((c) => parsingChunks.has(c))]).toEqual([m.name, true]);
  const parsingFiles = new Set(parsing.assets.map((a) => a.name));
  for (const file of fs.readdirSync(OUT).filter((f) => f.endsWith('.js') && !parsingFiles.has(f)))
    expect([file, /exceljs/i.test(fs.readFileSync(path.join(OUT, file), 'utf8'))]).toEqual([file, false]);
  const gzipped = [...parsingFiles].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(OUT, f)), { level: 9 }).length, 0);
  console.log(`集計's parsing chunk (${[...parsingFiles].join(', ')}): ${(gzipped / 1024).toFixed(1)} KB gzipped`);
});
