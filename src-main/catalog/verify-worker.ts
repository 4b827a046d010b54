/**
 * What a signature-checking worker thread runs (verify-batch.ts starts them). It is source text
 * for an eval worker, so it works the same bundled, under tsx and under vitest.
 *
 * A worker gets either log lines (a first sight: nothing verified here yet) or
 * [canonical body, sig, author] items. For lines it parses, encodes canonically, checks the id
 * and computes each event's key for the verified cache (verified-cache.ts), so the replaying
 * thread does none of it. The signatures themselves go, when the composition root gave a native
 * verifier (native-verifier.ts), to an engine process this worker starts: frames of
 * FRAME_ITEMS signatures, each with two canaries (one that verifies, one that does not), so an
 * answer that is garbled is recognised. Whatever the engine does not answer (it is missing, dies,
 * times out, refuses the frame or answers garbage) Node's crypto.verify checks, and so are the
 * engine's refusals: a refusal always carries Node's verdict and wording.
 */
import { canonicalJson } from './canonical-json';
import { KEY_BYTES } from './verified-cache';

/** A worker's verdict on one event, and the words checkSignature (signing.ts) uses for it. */
export const CODE = { ok: 0, forged: 1, canonical: 2, author: 3, id: 4, malformed: 5 } as const;

/** Signatures per frame sent to the engine (~0.7 MB of catalog events; ~60 ms of its work). */
const FRAME_ITEMS = 1024;
/** Frames sent and not answered yet, at most. */
const IN_FLIGHT = 3;

export const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { verify, sign, createPublicKey, createHash, generateKeyPairSync } = require('node:crypto');
const { spawn } = require('node:child_process');
const canonicalJson = (${canonicalJson.toString()});
const CODE = ${JSON.stringify(CODE)};
const prefix = Buffer.from('302a300506032b6570032100', 'hex');
const KEY = /^[0-9a-f]{64}$/;
const keys = new Map();
const keyOf = (author) => {
  let key = keys.get(author);
  if (!key) {
    const raw = Buffer.from(author, 'hex');
    key = { object: createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' }), raw };
    keys.set(author, key);
  }
  return key;
};

// Node's own verdict on one signature
const nodeCode = (item) => {
  try {
    return verify(null, item.bytes, keyOf(item.author).object, item.sig) ? CODE.ok : CODE.forged;
  } catch {
    return CODE.malformed;
  }
};

let canaries;
const canaryItems = () => {
  if (!canaries) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const author = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const bytes = Buffer.from('berth engine canary ' + process.pid + ' ' + Date.now(), 'utf8');
    const sig = sign(null, bytes, privateKey);
    const altered = Buffer.from(bytes);
    altered[0] ^= 1;
    canaries = [{ author, sig, bytes }, { author, sig, bytes: altered }];
  }
  return canaries;
};

// [u32 message length][u8 signature length][key 32][signature][message] per item (ed25519_verify.go)
const encodeFrame = (items) => {
  const header = Buffer.from(JSON.stringify({ op: 'ed25519verify', request: { count: items.length } }), 'utf8');
  let size = 8 + header.length;
  for (const it of items) size += 37 + it.sig.length + it.bytes.length;
  const frame = Buffer.allocUnsafe(size);
  frame.writeUInt32BE(header.length, 0);
  frame.writeUInt32BE(size - 8 - header.length, 4);
  header.copy(frame, 8);
  let o = 8 + header.length;
  for (const it of items) {
    frame.writeUInt32BE(it.bytes.length, o);
    frame[o + 4] = it.sig.length;
    keyOf(it.author).raw.copy(frame, o + 5);
    it.sig.copy(frame, o + 37);
    it.bytes.copy(frame, o + 37 + it.sig.length);
    o += 37 + it.sig.length + it.bytes.length;
  }
  return frame;
};

// One engine process of this worker's own, answering frames in the order they were sent.
class Engine {
  constructor(command) {
    this.timeoutMs = command.timeoutMs;
    this.pending = [];
    this.waiters = [];
    this.chunks = [];
    this.buffered = 0;
    this.stderr = '';
    this.problem = undefined;
    this.closing = false;
    this.child = spawn(command.file, command.args, { stdio: ['pipe', 'pipe', 'pipe'], env: command.env, windowsHide: true });
    this.gone = new Promise((resolve) => {
      this.child.once('exit', resolve);
      this.child.once('error', resolve);
    });
    this.child.on('error', (e) => this.fail('it could not be started (' + e.message + ')'));
    this.child.on('exit', (code, signal) => {
      if (!this.closing || this.pending.length) this.fail('it exited (' + (signal || 'code ' + code) + ') ' + this.stderr.trim());
    });
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (d) => this.onData(d));
    this.child.stderr.on('data', (d) => (this.stderr = (this.stderr + d.toString('utf8')).slice(-500)));
  }

  fail(problem) {
    if (this.problem) return;
    this.problem = problem;
    this.child.kill('SIGKILL');
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.resolve(undefined);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  // the frame's bitmap, or undefined when the engine could not answer it
  send(items) {
    if (this.problem) return Promise.resolve(undefined);
    const all = items.concat(canaryItems());
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail('it gave no answer within ' + this.timeoutMs + ' ms'), this.timeoutMs);
      this.pending.push({ count: all.length, resolve, timer });
      this.child.stdin.write(encodeFrame(all));
    });
  }

  // until the engine has taken what was written (or is gone)
  drained() {
    if (this.problem || !this.child.stdin.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      this.waiters.push(done);
      this.child.stdin.once('drain', done);
    });
  }

  onData(d) {
    this.chunks.push(d);
    this.buffered += d.length;
    while (!this.problem && this.buffered >= 8) {
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [all];
      const hl = all.readUInt32BE(0);
      const bl = all.readUInt32BE(4);
      if (hl > 1 << 20 || bl > 64 << 20) return this.fail('it answered garbage');
      if (all.length < 8 + hl + bl) return;
      const rest = all.subarray(8 + hl + bl);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.answer(all.subarray(8, 8 + hl), all.subarray(8 + hl, 8 + hl + bl));
    }
  }

  answer(headerBytes, body) {
    const p = this.pending[0];
    if (!p) return this.fail('it answered a frame that was not sent');
    let header;
    try {
      header = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      header = undefined;
    }
    const n = p.count;
    const bit = (k) => (body[k >> 3] >> (k & 7)) & 1;
    if (!header || header.error) return this.fail(header ? 'it refused the frame: ' + header.error : 'it answered garbage');
    if (header.count !== n || body.length !== (n + 7) >> 3 || bit(n - 2) !== 1 || bit(n - 1) !== 0) return this.fail('it answered garbage');
    this.pending.shift();
    clearTimeout(p.timer);
    p.resolve(Uint8Array.from(body));
  }

  async close() {
    this.closing = true;
    if (!this.problem) this.child.stdin.end();
    await this.gone;
  }
}

// Each item's code: prepare(i, codes) gives an item to verify or sets codes[i] itself.
async function checkAll(n, prepare, command) {
  const codes = new Uint8Array(n);
  const engine = command ? new Engine(command) : undefined;
  const report = { answered: 0, fallback: 0, problems: [] };
  const settle = (items, bits) => {
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (bits && (bits[k >> 3] >> (k & 7)) & 1) codes[it.i] = CODE.ok;
      else codes[it.i] = nodeCode(it);
      if (bits) report.answered++;
      else report.fallback++;
    }
  };
  const inFlight = [];
  let batch = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    inFlight.push(engine.send(items).then((bits) => settle(items, bits)));
    await engine.drained();
    while (inFlight.length > ${IN_FLIGHT}) await inFlight.shift();
  };
  for (let i = 0; i < n; i++) {
    const item = prepare(i, codes);
    if (!item) continue;
    item.i = i;
    if (!engine || item.sig.length > 255) codes[i] = nodeCode(item);
    else if (engine.problem) settle([item], undefined);
    else {
      batch.push(item);
      if (batch.length >= ${FRAME_ITEMS}) await flush();
    }
  }
  if (batch.length) await flush();
  await Promise.all(inFlight);
  if (engine) {
    await engine.close();
    if (engine.problem) report.problems.push(engine.problem);
  }
  return { codes, report: command ? report : undefined };
}

const lineItem = (lines, cacheKeys) => (i, codes) => {
  let e, bytes;
  try {
    e = JSON.parse(lines[i]);
    bytes = Buffer.from(canonicalJson(e.body), 'utf8');
  } catch {
    codes[i] = CODE.canonical;
    return;
  }
  if (!e.body || typeof e.body.author !== 'string' || !KEY.test(e.body.author)) return void (codes[i] = CODE.author);
  if (createHash('sha256').update(bytes).digest('hex') !== e.id) return void (codes[i] = CODE.id);
  let sig;
  try {
    sig = Buffer.from(e.sig, 'base64');
    keyOf(e.body.author);
  } catch {
    return void (codes[i] = CODE.malformed);
  }
  // the verified cache's key (verified-cache.ts), used only if the signature holds
  cacheKeys.set(createHash('sha256').update(JSON.stringify({ id: e.id, sig: e.sig, body: e.body })).digest().subarray(0, ${KEY_BYTES}), i * ${KEY_BYTES});
  return { author: e.body.author, sig, bytes };
};

const textItem = (items) => (i, codes) => {
  const [text, sig, author] = items[i];
  try {
    keyOf(author);
    return { author, sig: Buffer.from(sig, 'base64'), bytes: Buffer.from(text, 'utf8') };
  } catch {
    codes[i] = CODE.malformed;
  }
};

parentPort.on('message', async (msg) => {
  if (msg.lines) {
    const keys = new Uint8Array(msg.lines.length * ${KEY_BYTES});
    const { codes, report } = await checkAll(msg.lines.length, lineItem(msg.lines, keys), msg.native);
    parentPort.postMessage({ codes, keys, report }, [codes.buffer, keys.buffer]);
    return;
  }
  const { codes, report } = await checkAll(msg.items.length, textItem(msg.items), msg.native);
  parentPort.postMessage({ codes, keys: new Uint8Array(0), report }, [codes.buffer]);
});
`;
