/**
 * Boot code for Helm's engine (Go compiled to WebAssembly), kept as plain JavaScript text so the
 * same code runs inline in this thread (the CLI) or inside a worker thread (the app), without
 * a second bundle. It gives Go's js/wasm runtime Node's real `fs`, `path` and `process`.
 */
export const ENGINE_BOOT_JS = `(function bootHelmEngine(require, dir, env) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  globalThis.fs = fs;
  globalThis.path = path;
  // RSA keys for genCA & co. come from OpenSSL (see src-main/render/engine/fastcrypto.go).
  globalThis.__berthNodeCrypto = {
    rsaPrivateKeyPem(bits) {
      return require('node:crypto').generateKeyPairSync('rsa', {
        modulusLength: bits,
        publicExponent: 0x10001,
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
        publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
      }).privateKey;
    },
  };
  if (!globalThis.Go) {
    const runtime = path.join(dir, 'wasm_exec.js');
    vm.runInThisContext(fs.readFileSync(runtime, 'utf8'), { filename: runtime });
  }
  const go = new globalThis.Go();
  go.argv = ['helm-engine'];
  go.env = env;
  const ready = new Promise((resolve) => { globalThis.__berthHelmReady = resolve; });
  return WebAssembly.compile(fs.readFileSync(path.join(dir, 'helm-engine.wasm')))
    .then((mod) => WebAssembly.instantiate(mod, go.importObject))
    .then((instance) => {
      go.run(instance).then(() => { globalThis.__berthHelmEngineExited = true; });
      return ready;
    })
    .then(() => globalThis.__berthHelmEngine);
})`;

/** Worker side: boots the engine and answers {id, op, request, blob} messages. */
export const ENGINE_WORKER_JS = `
const { parentPort, workerData } = require('node:worker_threads');
const boot = ${ENGINE_BOOT_JS};
const started = boot(require, workerData.dir, workerData.env);
parentPort.on('message', (msg) => {
  started
    .then((engine) => engine.call(msg.op, msg.request, msg.blob))
    .then(([json, stdout]) => parentPort.postMessage({ id: msg.id, json, stdout }, [stdout.buffer]))
    .catch((e) => parentPort.postMessage({ id: msg.id, failure: String(e && e.stack || e) }));
});
`;
