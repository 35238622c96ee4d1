import fs from 'fs';
import path from 'path';
import { parsePlan } from '../src/model/validate';
import { buildWorkbookLayout } from '../src/layout/workbook';
test('probe', () => {
  const dir = path.join(__dirname, '..', 'seeds', 'parts');
  const header = JSON.parse(fs.readFileSync(path.join(dir, 'gunma-2020.header.json'), 'utf8'));
  const items = fs.readdirSync(dir).filter((f) => /^gunma-2020\.items-.*\.json$/.test(f)).sort().flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const r = parsePlan({ version: 1, plan: header.plan, kgis: header.kgis, items });
  if (!r.ok) { console.log(JSON.stringify(r.problems.slice(0,5))); return; }
  const L = buildWorkbookLayout(r.plan);
  const out: string[] = [];
  for (const s of L.sheets) {
    const maxR = Math.max(...s.cells.map(c=>c.row)), maxC = Math.max(...s.cells.map(c=>c.col));
    const styles = new Set(s.cells.map(c=>c.style+'|'+(c.numFmt??''))).size;
    const chars = s.cells.reduce((n,c)=>n+String(c.value??c.formula??'').length,0);
    out.push(`${s.name} ${s.kind} cells=${s.cells.length} rect=${maxR}x${maxC} styles=${styles} merges=${s.merges.length} vals=${s.validations.length} cfs=${s.conditionalFormats.length} rows=${Object.keys(s.rowHeights).length} chars=${chars} hidden=${s.hidden} freeze=${JSON.stringify(s.freeze)} tab=${s.tabColor} print=${!!s.print}`);
  }
  console.log(out.join('\n'));
  const s = L.sheets[1];
  console.log(JSON.stringify(s.validations.slice(0,3)), JSON.stringify(s.conditionalFormats.slice(0,4)), JSON.stringify(s.cells.filter(c=>c.numFmt).slice(0,5)), JSON.stringify(s.columns));
  // duplicates?
  for (const sh of L.sheets) { const seen = new Map<string, number>(); for (const c of sh.cells) { const k=c.row+','+c.col; seen.set(k,(seen.get(k)??0)+1);} const d=[...seen].filter(([,n])=>n>1); if (d.length) console.log(sh.name,'dups',d.length, d.slice(0,3)); }
});
