#!/usr/bin/env node
// Assembles seeds/gunma-2020.json from the transcription parts in seeds/parts/ (header + item ranges).
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, '..', 'seeds', 'parts');
const header = JSON.parse(fs.readFileSync(path.join(dir, 'gunma-2020.header.json'), 'utf8'));
const items = fs
  .readdirSync(dir)
  .filter((f) => /^gunma-2020\.items-.*\.json$/.test(f))
  .sort()
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
const plan = { version: 1, plan: header.plan, kgis: header.kgis, items };
fs.writeFileSync(path.join(__dirname, '..', 'seeds', 'gunma-2020.json'), JSON.stringify(plan, null, 2) + '\n');
console.log(`seeds/gunma-2020.json: ${items.length} items`);
