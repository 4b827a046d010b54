import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateRemovedApis } from '../../../src-main/chart/api-migration';
import type { ChartArchive } from '../../../src-main/chart/archive';
import { reviewChart } from '../../../src-main/review/chart-review';
import { schemaCheck } from '../../../src-main/review/checks';
import { findingLine, validateChart } from '../../../src-main/review/schema-validate';
import { FIXTURES } from '../values/charts';
import { chartDir } from '../values/usage-charts';
import { testEngine } from '../../services/engine';

const RC1 = readFileSync(join(FIXTURES, 'emqx-v1.0.0-rc.1.tgz'));

const WEB: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'values.yaml': 'replicas: 2\n',
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: {{ .Values.replicas }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            limits: {cpu: 1, memory: 64Mi}
          ports:
            - containerPort: "http"
`,
};

describe('berth validate: manifests against the Kubernetes API of a version', () => {
  for (const kubeVersion of ['1.22', '1.36']) {
    it(`fails the seed's emqx v1.0.0-rc.1 on Kubernetes ${kubeVersion} naming the v1beta1 Role and RoleBinding, and passes it after the quick fix`, async () => {
      const before = await validateChart({ archive: RC1 }, { kubeVersion }, testEngine());
      expect(before.findings.map((f) => [f.id, f.object, f.apiVersion, f.kubeVersion, f.replacement])).toEqual([
        ['schema.api-not-served', 'Role/release-name-emqx', 'rbac.authorization.k8s.io/v1beta1', kubeVersion, 'rbac.authorization.k8s.io/v1'],
        ['schema.api-not-served', 'RoleBinding/release-name-emqx', 'rbac.authorization.k8s.io/v1beta1', kubeVersion, 'rbac.authorization.k8s.io/v1'],
      ]);
      expect(findingLine(before.findings[0])).toBe(
        `emqx/templates/rbac.yaml: Role/release-name-emqx: rbac.authorization.k8s.io/v1beta1 Role is not served by Kubernetes ${kubeVersion}; use rbac.authorization.k8s.io/v1 (the removed-API quick fix, berth migrate-apis, rewrites it). [schema.api-not-served]`,
      );
      const fixed = migrateRemovedApis(RC1, { kubeVersion }).archive;
      const after = await validateChart({ archive: fixed }, { kubeVersion }, testEngine());
      expect(after.findings).toEqual([]);
      expect(after.objects).toBe(7);
    });
  }

  it('names a misspelled field with --strict only, and wrong types always', async () => {
    const dir = chartDir(WEB);
    const loose = await validateChart({ path: dir }, { kubeVersion: '1.30' }, testEngine());
    // a quantity may be a number; a named port must be an integer
    expect(loose.findings.map((f) => [f.id, f.path])).toEqual([['schema.invalid', 'spec.template.spec.containers[0].ports[0].containerPort']]);
    const strict = await validateChart({ path: dir }, { kubeVersion: '1.30', strict: true }, testEngine());
    expect(strict.findings.map((f) => [f.id, f.file, f.object, f.path])).toContainEqual([
      'schema.unknown-field',
      'web/templates/deployment.yaml',
      'Deployment/web',
      'spec.replica',
    ]);
    expect(findingLine(strict.findings.find((f) => f.path === 'spec.replica')!)).toBe(
      'web/templates/deployment.yaml: Deployment/web: spec.replica is not a field of this object (Kubernetes 1.30) [schema.unknown-field]',
    );
  });

  it('validates custom resources against the CRDs the chart ships and reports kinds nothing defines', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`;
    const dir = chartDir({
      'Chart.yaml': 'apiVersion: v2\nname: w\nversion: 1.0.0\n',
      'crds/widget.yaml': crd,
      'templates/w.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\nspec: {size: big}\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: b}\n',
    });
    const r = await validateChart({ path: dir }, {}, testEngine());
    expect(r.findings.map((f) => [f.id, f.object, f.path])).toEqual([
      ['schema.unknown-kind', 'Gadget/b', ''],
      ['schema.invalid', 'Widget/a', 'spec.size'],
    ]);
    expect(r.kubeVersion).toBe('1.36');
  });
});

describe('the schema.valid review check', () => {
  it('passes the seed chart (its removed APIs are the api.removed check’s) and fails a wrong field type, naming file, object and path', async () => {
    const review = await reviewChart(RC1, { kubeVersion: '1.35' }, testEngine());
    const schema = review.checks.find((c) => c.id === 'schema.valid');
    expect(schema).toMatchObject({
      status: 'pass',
      message: 'All 7 objects the chart renders match the Kubernetes 1.35 API schema.',
      say: { key: 'check.schemaValid', values: { count: 7, kube: '1.35' } },
    });
    expect(review.checks.find((c) => c.id === 'api.removed')?.status).toBe('fail');

    const manifests = [{ source: 'web/templates/deployment.yaml', content: WEB['templates/deployment.yaml'].replace('{{ .Values.replicas }}', '2') }];
    const failed = schemaCheck({ files: [] } as unknown as ChartArchive, { output: '', notes: '', warnings: [], manifests }, '1.35');
    expect(failed.status).toBe('fail');
    expect(failed.findings).toEqual([
      expect.objectContaining({
        file: 'web/templates/deployment.yaml',
        object: 'Deployment/web',
        message: 'spec.template.spec.containers[0].ports[0].containerPort must be an integer, not a string ("http") [schema.invalid]',
      }),
    ]);
  });
});
