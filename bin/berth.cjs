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
loadWithCompileCache(cli);

/**
 * Loads the 2.8 MB bundle with V8's code cache, so start-up skips parsing and compiling it again
 * (the biggest part of a Node command's start-up): Node's own compile cache from 22.1 on
 * (module.enableCompileCache), before that a vm.Script with cachedData kept in the temp dir,
 * keyed by the checkout (the bundle's path), the bundle's size and time and Node's version.
 * Writing one prunes the folder (pruneCompileCache). Any trouble falls back to require().
 */
function loadWithCompileCache(file) {
  const Module = require('node:module');
  if (process.env.BERTH_NO_COMPILE_CACHE) return require(file);
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache();
    } catch {
      // no cache: just slower
    }
    return require(file);
  }
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const vm = require('node:vm');
  let script;
  let cacheFile;
  let prefix;
  let hadCache = false;
  const mod = new Module(file, module);
  try {
    const st = fs.statSync(file);
    const dir = path.join(os.tmpdir(), `berth-compile-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
    // one cache per command word: it holds the functions that command ran, not only the bundle's top level
    const word = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
    const tag = /^[a-z][a-z-]{0,23}$/.test(word) ? word : 'other';
    prefix = `cli-${tag}-${pathHash(file)}-${process.version}-${process.arch}-`;
    cacheFile = path.join(dir, `${prefix}${st.size}-${Math.floor(st.mtimeMs)}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // first run: compiled below and written once the command ran
    }
    script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    hadCache = cachedData !== undefined && !script.cachedDataRejected;
  } catch {
    return require(file);
  }
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  require.cache[file] = mod;
  const fn = script.runInThisContext();
  if (!hadCache) {
    // at exit (process.exit included), so the functions the command ran are in the cache too
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
        pruneCompileCache(fs, path, cacheFile, prefix);
      } catch {
        // a read-only temp dir: no cache
      }
    });
  }
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

/** FNV-1a of the bundle's path: each checkout keeps its own caches (node:crypto would cost start-up time). */
function pathHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Bounds the cache folder, run only when a cache was just written (a rebuilt bundle, a new
 * command word), so a cached start pays nothing. Removed: this checkout's older caches for the
 * same command and Node (each rebuild of the bundle used to leave one behind), caches named as
 * before each checkout had its own, any file not written for 30 days (a deleted checkout,
 * another Node) and a half-written one an hour old (a process killed while writing).
 */
function pruneCompileCache(fs, path, keep, prefix) {
  // not top-level constants: the CLI may exit before this file's top level got past loadWithCompileCache()
  const CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
  const PARTIAL_MAX_AGE_MS = 3600 * 1000;
  const dir = path.dirname(keep);
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === keep) continue;
    try {
      const partial = !name.endsWith('.bin');
      // this checkout's earlier builds, and caches named as before checkouts had their own
      const stale = !partial && (name.startsWith(prefix) || !/^cli-[a-z][a-z-]*-[0-9a-f]{8}-v\d/.test(name));
      if (stale || now - fs.statSync(file).mtimeMs > (partial ? PARTIAL_MAX_AGE_MS : CACHE_MAX_AGE_MS)) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or another user's: leave it
    }
  }
}
