#!/usr/bin/env node
// `npm start`: builds what is stale, then opens the Electron window. Where the Electron
// binary is not installed (it is downloaded separately and some machines can't), it says
// so and starts browser mode instead: the same UI and services on a loopback address.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'all', '--if-needed'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** npm 11 blocks dependency install scripts, so Electron's download runs here, once, on demand. */
function tryDownloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.BERTH_BROWSER_MODE) return;
  try {
    const require = createRequire(import.meta.url);
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    console.log('Fetching the Electron binary (first start only)…');
    spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    // no electron package: browser mode
  }
}

const electron = electronBinary() ?? (tryDownloadElectron(), electronBinary());
if (electron && !process.env.BERTH_BROWSER_MODE) {
  const child = spawn(electron, [root, ...extra], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed on this machine, so Berth starts in browser mode.');
  console.log('Open the address below in your browser (Ctrl+C stops Berth).');
  const child = spawn(process.execPath, [join(root, 'bin/berth.cjs'), 'serve', ...extra], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
