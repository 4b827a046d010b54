import { describe, expect, it } from 'vitest';
import type { FormField } from '../../../shared/types/values';
import { buildFormModel } from '../../../src-main/values/form-model';
import { looksLikeSecretKey } from '../../../src-main/values/secrets';
import { corpusChart, seedChart } from './charts';

function field(root: FormField, ...path: string[]): FormField {
  let cur: FormField | undefined = root;
  for (const key of path) cur = cur?.children?.find((c) => c.key === key);
  if (!cur) throw new Error(`no field ${path.join('.')}`);
  return cur;
}

describe('the values form model', () => {
  it('infers a form for the EMQ X seed chart, which has no schema', () => {
    const model = buildFormModel(seedChart('v1.0.0-rc.1'));
    expect(model.source).toBe('inferred');
    expect(field(model.root, 'replicas')).toMatchObject({ kind: 'integer', default: 3, origin: 'values' });
    expect(field(model.root, 'persistence', 'enabled')).toMatchObject({ kind: 'boolean', default: false });
    expect(field(model.root, 'ingress', 'hosts')).toMatchObject({ kind: 'array', itemKind: 'string' });
    expect(field(model.root, 'affinity').kind).toBe('map');
    expect(field(model.root, 'emqxLicneseSecretName')).toMatchObject({ kind: 'any', nullable: true, secret: false });
    expect(model.valuesYaml).toContain('replicas: 3');
  });

  it('overlays the schema on values.yaml for nginx: schema types, chart defaults, Bitnami sections', () => {
    const model = buildFormModel(corpusChart('nginx-22.1.1.tgz'));
    expect(model.source).toBe('schema');
    expect(field(model.root, 'replicaCount')).toMatchObject({ kind: 'integer', origin: 'both', title: 'Number of replicas', default: 1 });
    expect(field(model.root, 'image', 'tag').hidden).toBe(true);
    expect(field(model.root, 'image').section).toBe('NGINX parameters');
    expect(model.sections[0]).toBe('Global parameters');
  });

  it('places a subchart schema under its key and masks passwords', () => {
    const model = buildFormModel(corpusChart('wordpress-27.0.0.tgz'));
    expect(model.schemas).toEqual([
      { chart: 'wordpress', path: [] },
      { chart: 'mariadb', path: ['mariadb'] },
    ]);
    const mariadb = field(model.root, 'mariadb');
    expect(mariadb.subchart).toBe('mariadb');
    expect(field(mariadb, 'architecture')).toMatchObject({ kind: 'string', origin: 'both', default: 'standalone', path: ['mariadb', 'architecture'] });
    expect(field(mariadb, 'auth', 'rootPassword').secret).toBe(true);
    expect(field(mariadb, 'auth', 'database').default).toBe('bitnami_wordpress'); // the parent's override
    expect(field(model.root, 'wordpressPassword').secret).toBe(true);
    expect(field(model.root, 'common').hidden).toBe(true); // library subchart
    expect(field(mariadb, 'global').hidden).toBe(true);
  });

  it('follows $ref within the schema and stops at recursive definitions (alertmanager)', () => {
    const model = buildFormModel(corpusChart('alertmanager-1.42.0.tgz'));
    const image = field(model.root, 'image');
    expect(image.required).toBe(true);
    expect(field(image, 'repository').kind).toBe('string');
    expect(field(image, 'pullPolicy').enum).toEqual(['Never', 'IfNotPresent', 'Always']);
    expect(field(model.root, 'podAntiAffinity')).toMatchObject({ enum: ['', 'soft', 'hard'], default: '' });
    expect(JSON.stringify(model).length).toBeLessThan(2_000_000);
  });

  it('tells secret values from keys that only name where a secret is', () => {
    for (const k of ['password', 'adminPassword', 'clientSecret', 'apiKey', 'token', 'erlangCookie']) expect(looksLikeSecretKey(k), k).toBe(true);
    for (const k of [
      'existingSecret',
      'secretName',
      'passwordKey',
      'tokenSecretRef',
      'usePasswordFiles',
      'automountServiceAccountTokenEnabled',
      'extraEnvVarsSecret',
      'tlsSecret',
    ])
      expect(looksLikeSecretKey(k), k).toBe(false);
  });
});
