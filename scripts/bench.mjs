#!/usr/bin/env node
// `npm run bench`: runs every bench/*.mjs in turn (each prints its own table of
// figures and ratios against Helm or a baseline measured in the same run).
//   node scripts/bench.mjs [name-filter] [flags passed to each bench, e.g. --events 50000]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2]?.startsWith('--') ? undefined : process.argv[2];
const passed = process.argv.slice(filter === undefined ? 2 : 3);
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'engine', 'main', '--if-needed'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
let failed = false;
for (const file of readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.mjs')).sort()) {
  if (filter && !file.includes(filter)) continue;
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file), ...passed], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
