#!/usr/bin/env node
// The `berth` command. Runs the bundled CLI; builds it (and the render engine) first on a fresh checkout.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
const cli = join(root, 'dist', 'main', 'cli.cjs');
const engine = join(root, 'dist', 'engine', process.platform === 'win32' ? 'berth-engine.exe' : 'berth-engine');
if (!existsSync(cli) || !existsSync(engine)) {
  const { execFileSync } = require('node:child_process');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'engine', 'main', '--if-needed'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BERTH_QUIET_BUILD: '1' },
  });
}
require(cli);
