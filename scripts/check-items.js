#!/usr/bin/env node
// Transcription helper: validates a JSON array of plan v1 items (or a whole plan) against the zod schema.
// Usage: node scripts/check-items.js seeds/parts/FILE.json   (needs `npx tsc -p tsconfig.build.json` first)
const fs = require('fs');
const { Item, Plan } = require('../dist/model/plan.js');
const { z } = require('zod');
const file = process.argv[2];
const data = JSON.parse(fs.readFileSync(file, 'utf8'));
const schema = Array.isArray(data) ? z.array(Item) : Plan;
const r = schema.safeParse(data);
if (!r.success) {
  for (const i of r.error.issues) console.error(`${file}: $.${i.path.join('.')}: ${i.message}`);
  process.exit(1);
}
console.log(`${file}: OK (${Array.isArray(data) ? data.length + ' items' : 'plan'})`);
