import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewChart } from '../../../src-main/review/chart-review';
import type { ChartReview, ReviewCheck } from '../../../shared/types/chart';
import { chartTgz } from '../chart/tar-builder';
import { testEngine } from '../../services/engine';

const FIXTURES = '/work/shared/fixtures/charts';

function byId(review: ChartReview, id: ReviewCheck['id']): ReviewCheck {
  const c = review.checks.find((x) => x.id === id);
  expect(c, id).toBeDefined();
  return c!;
}

describe('review checks', () => {
  it('flag what the EMQ X v4.0.2 seed chart lacks, and its removed RBAC API', async () => {
    const review = await reviewChart(readFileSync(`${FIXTURES}/emqx-v4.0.2.tgz`), {}, testEngine());
    expect(review.kubeVersion).toBe('1.35');
    expect(byId(review, 'chart.readme').status).toBe('pass');
    expect(byId(review, 'chart.values-schema').status).toBe('warn');
    expect(byId(review, 'chart.icon').status).toBe('warn');
    expect(byId(review, 'chart.notes').status).toBe('warn');
    expect(byId(review, 'chart.crds')).toMatchObject({ status: 'info', message: 'The chart ships no CRDs in crds/.' });
    expect(byId(review, 'render.defaults').status).toBe('pass');
    const removed = byId(review, 'api.removed');
    expect(removed.status).toBe('fail');
    expect(removed.findings.map((f) => f.object).sort()).toEqual(['Role/emqx', 'RoleBinding/emqx']);
    expect(removed.findings[0].message).toMatch(
      /rbac\.authorization\.k8s\.io\/v1beta1 Role(Binding)? is no longer served since Kubernetes 1\.22; use rbac\.authorization\.k8s\.io\/v1/,
    );
    expect(review.images).toEqual(['emqx/emqx:v4.0.2']);
    expect(byId(review, 'images.tagged').status).toBe('pass');
    expect(byId(review, 'resources.set').status).toBe('warn');
  });

  it('sees the removed RBAC API in the v1.0.0-rc.1 seed too, and not on Kubernetes 1.16', async () => {
    const pkg = readFileSync(`${FIXTURES}/emqx-v1.0.0-rc.1.tgz`);
    expect(byId(await reviewChart(pkg, {}, testEngine()), 'api.removed').status).toBe('fail');
    const old = await reviewChart(pkg, { kubeVersion: '1.16' }, testEngine());
    expect(byId(old, 'api.removed').status).toBe('pass');
    expect(byId(old, 'api.deprecated').status).toBe('pass');
    const deprecated = await reviewChart(pkg, { kubeVersion: '1.20' }, testEngine());
    expect(byId(deprecated, 'api.deprecated').status).toBe('warn');
  });

  it('warns about images without a tag or on latest', async () => {
    const pkg = chartTgz([
      {
        name: 'demo/templates/pod.yaml',
        data: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n    - name: b\n      image: registry.local:5000/app:latest\n    - name: c\n      image: busybox:1.36\n      resources: {requests: {cpu: 10m}, limits: {cpu: 100m}}\n',
      },
      { name: 'demo/README.md', data: '# demo\n' },
    ]);
    const review = await reviewChart(pkg, {}, testEngine());
    const images = byId(review, 'images.tagged');
    expect(images.status).toBe('warn');
    expect(images.findings.map((f) => f.message)).toEqual([
      'container “a” uses nginx without a tag, which can change under a running release',
      'container “b” uses registry.local:5000/app:latest, which can change under a running release',
    ]);
    // and in words the UI says in the reader's language
    expect(images.findings.map((f) => f.say)).toEqual([
      { key: 'check.imageUntagged', values: { container: 'a', image: 'nginx' } },
      { key: 'check.imageLatest', values: { container: 'b', image: 'registry.local:5000/app:latest' } },
    ]);
    expect(byId(review, 'resources.set').findings).toHaveLength(2);
    expect(review.images).toEqual(['busybox:1.36', 'nginx', 'registry.local:5000/app:latest']);
  });

  it('reports a chart that does not render with its defaults', async () => {
    const pkg = chartTgz([{ name: 'demo/templates/cm.yaml', data: '{{ required "set .Values.name" .Values.name }}\n' }]);
    const review = await reviewChart(pkg, {}, testEngine());
    expect(byId(review, 'render.defaults')).toMatchObject({ status: 'fail', message: expect.stringContaining('set .Values.name') });
  });
});
