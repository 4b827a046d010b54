/**
 * Ed25519 signatures on the edges of RFC 8032 (scalars ≥ L, non-canonical and small-order
 * points), made with plain BigInt curve arithmetic, for native-verify.test.ts to run through
 * Node's verifier and the engine's. Test-only: slow and not constant-time.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const mod = (a: bigint, m = P): bigint => ((a % m) + m) % m;
function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  for (let x = mod(b); e > 0n; e >>= 1n, x = (x * x) % P) if (e & 1n) r = (r * x) % P;
  return r;
}
const inv = (a: bigint): bigint => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

/** A point in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
type Point = [bigint, bigint, bigint, bigint];
const IDENTITY: Point = [0n, 1n, 1n, 0n];

function add([x1, y1, z1, t1]: Point, [x2, y2, z2, t2]: Point): Point {
  const a = mod((y1 - x1) * (y2 - x2));
  const b = mod((y1 + x1) * (y2 + x2));
  const c = mod(t1 * 2n * D * t2);
  const d = mod(z1 * 2n * z2);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}

function mul(n: bigint, p: Point): Point {
  let r = IDENTITY;
  for (let q = p; n > 0n; n >>= 1n, q = add(q, q)) if (n & 1n) r = add(r, q);
  return r;
}

function affine([x, y, z]: Point): [bigint, bigint] {
  const zi = inv(z);
  return [mod(x * zi), mod(y * zi)];
}

const le = (n: bigint, bytes = 32): Buffer => {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++, n >>= 8n) b[i] = Number(n & 0xffn);
  return b;
};
const fromLe = (b: Uint8Array): bigint => b.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);

function encode(p: Point): Buffer {
  const [x, y] = affine(p);
  return le(y | ((x & 1n) << 255n));
}

/** The point these bytes name, reading y modulo p as lenient decoders do; undefined off the curve. */
function decode(bytes: Uint8Array): Point | undefined {
  const n = fromLe(bytes);
  const y = mod(n & (2n ** 255n - 1n));
  const x2 = mod((y * y - 1n) * inv(D * y * y + 1n));
  let x = pow(x2, (P + 3n) / 8n);
  if (mod(x * x) !== x2) x = mod(x * SQRT_M1);
  if (mod(x * x) !== x2) return undefined;
  if ((x & 1n) !== n >> 255n) x = mod(-x);
  return [x, y, 1n, mod(x * y)];
}

const B = decode(le(mod(4n * inv(5n)))) as Point;
const same = (p: Point, q: Point): boolean => encode(p).equals(encode(q));

function hashScalar(...parts: Uint8Array[]): bigint {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return mod(fromLe(h.digest()), L);
}

/** A point of order 8 (in the torsion subgroup: [L] of a point found by trying y = 2, 3, …). */
function torsion8(): Point {
  for (let y = 2n; ; y++) {
    const p = decode(le(y));
    if (!p) continue;
    const t = mul(L, p);
    if (!same(mul(4n, t), IDENTITY)) return t;
  }
}

export interface EdgeCase {
  name: string;
  key: Buffer;
  message: Buffer;
  sig: Buffer;
}

let counter = 0n;
const scalar = (): bigint => mod(fromLe(createHash('sha512').update(`berth edge ${counter++}`).digest()), L);

/** R = [r]B and s = r + k·a for A's bytes, retrying r until k is a multiple of `multiple` (to cancel a torsion part of A). */
function signWith(keyBytes: Buffer, secret: bigint, message: Buffer, multiple = 1n): Buffer {
  for (;;) {
    const r = scalar();
    const rBytes = encode(mul(r, B));
    const k = hashScalar(rBytes, keyBytes, message);
    if (k % multiple !== 0n) continue;
    return Buffer.concat([rBytes, le(mod(r + k * secret, L))]);
  }
}

/** The table: each case's bytes; what each verifier says is for the test to compare. */
export function edgeCases(): EdgeCase[] {
  const message = Buffer.from('{"type":"version.approve","note":"edge case"}', 'utf8');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const sig = sign(null, message, privateKey);
  const s = fromLe(sig.subarray(32));
  const withS = (n: bigint) => Buffer.concat([sig.subarray(0, 32), le(n)]);
  const altered = Buffer.from(message);
  altered[5] ^= 1;

  const a = scalar();
  const A = mul(a, B);
  const aBytes = encode(A);
  const t8 = torsion8();
  const identityBytes = encode(IDENTITY);
  // R bytes fixed: s = k·a makes [s]B − [k]A the identity
  const rFixed = (rBytes: Buffer) => Buffer.concat([rBytes, le(mod(hashScalar(rBytes, aBytes, message) * a, L))]);
  // A of small order with no secret: s = r makes [s]B − [k]A = R when [k]A vanishes
  const noSecret = (keyBytes: Buffer, order: bigint) => ({ key: keyBytes, message, sig: signWith(keyBytes, 0n, message, order) });
  const mixedA = add(A, t8);
  const r = scalar();
  const mixedR = encode(add(mul(r, B), t8));
  const kMixedR = hashScalar(mixedR, aBytes, message);
  const offCurve = (() => {
    for (let y = 2n; ; y++) if (!decode(le(y))) return le(y);
  })();

  return [
    { name: 'valid', key, message, sig },
    { name: 'valid, made here', key: aBytes, message, sig: signWith(aBytes, a, message) },
    { name: 'wrong message', key, message: altered, sig },
    { name: 'truncated signature', key, message, sig: sig.subarray(0, 63) },
    { name: 'signature with a byte too many', key, message, sig: Buffer.concat([sig, Buffer.from([0])]) },
    { name: 's ≥ L (s + L, the equation still holds mod L)', key, message, sig: withS(s + L) },
    { name: 's non-canonical (s + 8L, top bits set)', key, message, sig: withS(s + 8n * L) },
    { name: 's = 0', key, message, sig: withS(0n) },
    { name: 'R non-canonical (the identity as y = p + 1)', key: aBytes, message, sig: rFixed(le(P + 1n)) },
    { name: 'R the identity, canonical (small order)', key: aBytes, message, sig: rFixed(identityBytes) },
    { name: 'R mixed order ([r]B + a point of order 8)', key: aBytes, message, sig: Buffer.concat([mixedR, le(mod(r + kMixedR * a, L))]) },
    { name: 'A of order 8', ...noSecret(encode(t8), 8n) },
    { name: 'A of order 8, k not cancelling it', key: encode(t8), message, sig: (() => {
      for (;;) {
        const rr = scalar();
        const rBytes = encode(mul(rr, B));
        if (hashScalar(rBytes, encode(t8), message) % 8n !== 0n) return Buffer.concat([rBytes, le(rr)]);
      }
    })() },
    { name: 'A the identity', ...noSecret(identityBytes, 1n) },
    { name: 'A all zero (a point of order 4)', ...noSecret(Buffer.alloc(32), 4n) },
    { name: 'A mixed order ([a]B + a point of order 8)', key: encode(mixedA), message, sig: signWith(encode(mixedA), a, message, 8n) },
    { name: 'A non-canonical (the identity as y = p + 1)', ...noSecret(le(P + 1n), 1n) },
    { name: 'A non-canonical (the identity with the sign bit set)', ...noSecret(le(1n | (1n << 255n)), 1n) },
    { name: 'A non-canonical (order 2 as y = p − 1 with the sign bit set)', ...noSecret(le((P - 1n) | (1n << 255n)), 2n) },
    { name: 'A off the curve', key: offCurve, message, sig },
    { name: 'R off the curve', key: aBytes, message, sig: Buffer.concat([offCurve, sig.subarray(32)]) },
  ];
}
