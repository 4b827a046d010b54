/**
 * The render corpus through one long-lived engine process, as the app renders (the package as
 * bytes): every case twice in a row, in the corpus order (the same chart with other values in
 * between), so the second render of each and most later cases use the unpacked files and parsed
 * templates the engine kept (loadcache.go; helm-engine.go.overlay, parseCache). Both renders
 * must be byte for byte helm's recorded output
 * (lines the corpus marks nondeterministic masked), and a case helm fails must fail both times
 * with the same message.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HelmEngine } from '../../../src-main/render/engine';

const CORPUS = [resolve(__dirname, '../../../../shared/corpus'), '/work/shared/corpus'].find((d) => existsSync(d)) ?? '';
const RENDER = join(CORPUS, 'render');

interface Case {
  id: string;
  chart: string;
  release: string;
  namespace: string;
  exit: string;
  args: string[];
}

function cases(): Case[] {
  return readFileSync(join(RENDER, 'cases.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [id, chart, release, namespace, exit, args = ''] = l.split('\t');
      return { id, chart, release, namespace, exit, args: args.split(/\s+/).filter((a) => a !== '') };
    });
}

/** The engine's template request for helm template's flags as the corpus gives them (paths made absolute). */
function request(c: Case): object {
  const r = {
    // the package travels as bytes, as the app sends it; the second argument is then only its label
    args: [c.release, 'chart.tgz'],
    namespace: c.namespace,
    valueFiles: [] as string[],
    values: [] as string[],
    stringValues: [] as string[],
    fileValues: [] as string[],
    jsonValues: [] as string[],
    kubeVersion: '',
    apiVersions: [] as string[],
    includeCrds: false,
    skipTests: false,
  };
  for (let i = 0; i < c.args.length; i++) {
    const flag = c.args[i];
    const next = (): string => c.args[++i];
    if (flag === '-f') r.valueFiles.push(join(RENDER, next()));
    else if (flag === '--set') r.values.push(next());
    else if (flag === '--set-string') r.stringValues.push(next());
    else if (flag === '--set-json') r.jsonValues.push(next());
    else if (flag === '--set-file') {
      const [key, file] = next().split(/=(.*)/s);
      r.fileValues.push(`${key}=${join(RENDER, file)}`);
    } else if (flag === '--kube-version') r.kubeVersion = next();
    else if (flag === '--api-versions') r.apiVersions.push(...next().split(','));
    else if (flag === '--include-crds') r.includeCrds = true;
    else if (flag === '--skip-tests') r.skipTests = true;
    else throw new Error(`case ${c.id}: flag ${flag} is not mapped in this test`);
  }
  return r;
}

/** check.sh's mask: every line matching one of the case's nondeterministic patterns. */
function masked(id: string, text: string): string {
  const patterns = readFileSync(join(RENDER, 'nondeterministic.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${id}\t`))
    .map((l) => new RegExp(l.split('\t')[2]));
  return text
    .split('\n')
    .map((line) => (patterns.some((p) => p.test(line)) ? '<<NONDETERMINISTIC>>' : line))
    .join('\n');
}

describe.runIf(CORPUS !== '')('warm renders in one engine process', () => {
  const engine = new HelmEngine({ processes: 1 });
  afterAll(() => engine.close());

  it('gives helm\'s output for every corpus case, twice in a row', { timeout: 600_000 }, async () => {
    const wrong: string[] = [];
    for (const c of cases()) {
      const blob = readFileSync(join(RENDER, c.chart));
      const replies = [await engine.call('template', request(c), blob), await engine.call('template', request(c), blob)];
      if (c.exit !== '0') {
        if (replies.some((r) => r.error === undefined)) wrong.push(`${c.id}: helm fails, the engine did not`);
        else if (replies[0].error !== replies[1].error) wrong.push(`${c.id}: the second render failed with another message`);
        continue;
      }
      const expected = masked(c.id, readFileSync(join(RENDER, 'expected', `${c.id}.yaml`), 'utf8'));
      replies.forEach((r, i) => {
        if (r.error !== undefined) wrong.push(`${c.id} render ${i + 1}: ${r.error.slice(0, 200)}`);
        else if (masked(c.id, new TextDecoder().decode(r.stdout)) !== expected) wrong.push(`${c.id} render ${i + 1}: output differs`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('gives every render of a chart that makes certificates its own valid keys (made ahead by the engine)', { timeout: 120_000 }, async () => {
    // bitnami nginx's tls-secret.yaml: genCA, then genSignedCert signed by it; the engine keeps keys
    // made ahead for these (overlay keyPool): each render must still get fresh keys that fit
    const nginx = cases().find((c) => c.id === 'nginx-defaults') as Case;
    const blob = readFileSync(join(RENDER, nginx.chart));
    const keys = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const reply = await engine.call('template', request(nginx), blob);
      const out = new TextDecoder().decode(reply.stdout);
      const field = (name: string): string => Buffer.from(new RegExp(`^  ${name.replace('.', '\\.')}: (\\S+)$`, 'm').exec(out)?.[1] ?? '', 'base64').toString();
      const cert = new X509Certificate(field('tls.crt'));
      const ca = new X509Certificate(field('ca.crt'));
      const key = createPrivateKey(field('tls.key'));
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(cert.checkPrivateKey(key)).toBe(true);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(ca.verify(ca.publicKey)).toBe(true);
      keys.add(field('tls.key'));
      keys.add(ca.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    }
    expect(keys.size).toBe(16);
  });
});
