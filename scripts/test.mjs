#!/usr/bin/env node
// `npm test`: builds what is stale, runs the unit tests, the component tests, then the end-to-end tests, and
// closes with one plain line "tests: N passed, N failed" that CI reads.
//   node scripts/test.mjs [unit|component|e2e]...   run only those projects
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const projects = wanted.length ? wanted : ['unit', 'component', 'e2e'];

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'all', '--if-needed'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('build failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
let exit = 0;
const work = mkdtempSync(join(tmpdir(), 'berth-test-'));
for (const project of projects) {
  const report = join(work, `${project}.json`);
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit' },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    if (json.numTotalTests === 0) {
      console.error(`the ${project} project ran no test`);
      exit = 1;
    }
  } catch {
    console.error(`the ${project} tests did not produce a report`);
    exit = 1;
  }
  if (r.status !== 0) exit = 1;
}
rmSync(work, { recursive: true, force: true });
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(exit || (failed > 0 ? 1 : 0));
