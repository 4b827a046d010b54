// sprig's RSA keys come from Berth's generator (src-main/render/engine/internal/rsakeys, wired in
// by overlay/helm-engine.go.overlay's GenerateRSAKey). Its Go tests check the keys themselves
// (Validate, p and q prime by ProbablyPrime(20), sizes, e, d, |p−q|, the sieve number by number)
// and sprig's certificates made from them; here the one-shot CLI renders a chart that calls every
// function that makes a key, and Node's crypto checks what comes out.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enginePath } from '../../../src-main/render/engine';

const ENGINE_SRC = resolve(__dirname, '../../../src-main/render/engine');
const work = mkdtempSync(join(tmpdir(), 'berth-rsa-keys-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TEMPLATE = `{{- $ca := genCA "berth-ca" 365 }}
{{- $leaf := genSignedCert "svc" (list "10.0.0.1") (list "svc.example") 365 $ca }}
{{- $self := genSelfSignedCert "self" nil (list "self.example") 30 }}
apiVersion: v1
kind: Secret
metadata:
  name: certs
data:
  ca.crt: {{ $ca.Cert | b64enc }}
  ca.key: {{ $ca.Key | b64enc }}
  tls.crt: {{ $leaf.Cert | b64enc }}
  tls.key: {{ $leaf.Key | b64enc }}
  self.crt: {{ $self.Cert | b64enc }}
  self.key: {{ $self.Key | b64enc }}
  rsa.key: {{ genPrivateKey "rsa" | b64enc }}
  ec.key: {{ genPrivateKey "ecdsa" | b64enc }}
`;

describe('RSA keys of sprig’s certificate functions', () => {
  it('pass the generator’s Go tests', { timeout: 300_000 }, () => {
    const out = execFileSync('go', ['test', '-count=1', './internal/rsakeys'], { cwd: ENGINE_SRC, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/^ok\s+berth\.dev\/helm-engine\/internal\/rsakeys/m);
  });

  it('make certificates that hold their keys and verify against their CA in `berth template`', { timeout: 60_000 }, () => {
    const chart = join(work, 'certs');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: certs\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'secret.yaml'), TEMPLATE);
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(enginePath(), ['template', 'x', chart], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const field = (name: string): string =>
        Buffer.from(new RegExp(`^  ${name.replace('.', '\\.')}: (\\S+)$`, 'm').exec(r.stdout)?.[1] ?? '', 'base64').toString();
      const ca = new X509Certificate(field('ca.crt'));
      const leaf = new X509Certificate(field('tls.crt'));
      const self = new X509Certificate(field('self.crt'));
      for (const [cert, key] of [[ca, 'ca.key'], [leaf, 'tls.key'], [self, 'self.key']] as const) {
        expect(field(key)).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
        const k = createPrivateKey(field(key));
        expect(k.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
        expect(cert.checkPrivateKey(k)).toBe(true);
        seen.add(field(key));
      }
      expect(ca.ca).toBe(true);
      expect(ca.verify(ca.publicKey)).toBe(true);
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.checkHost('svc.example')).toBe('svc.example');
      expect(self.verify(self.publicKey)).toBe(true);
      const rsa = createPrivateKey(field('rsa.key'));
      expect(field('rsa.key')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
      expect(rsa.asymmetricKeyDetails).toMatchObject({ modulusLength: 4096, publicExponent: 65537n });
      expect(createPrivateKey(field('ec.key')).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      seen.add(field('rsa.key'));
    }
    // every key fresh: 4 per render, 2 renders
    expect(seen.size).toBe(8);
  });
});
