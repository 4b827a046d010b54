/** `artifacthub.io/images` feeds the image inventory, its checks, the approval's digest lock and air-gap bundles. */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chartImages } from '../../../src-main/bundle/chart-images';
import { writeTgz } from '../../../src-main/chart/tar-write';
import { buildReport, withDeclaredImages } from '../../../src-main/review/build-report';
import { defaultManifestImages } from '../../../src-main/review/image-locks';
import { chartToolkit } from '../../../src-main/review/toolkit';
import { ledgerChart } from '../../services/artifacthub-chart';
import { testEngine } from '../../services/engine';

/** Runs `web` from its templates; declares `web` and an optional `metrics` image in artifacthub.io/images. */
function webChart(declared: string[]): Uint8Array {
  const chart = {
    apiVersion: 'v2',
    name: 'web',
    version: '1.0.0',
    annotations: { 'artifacthub.io/images': stringify(declared.map((image) => ({ name: image, image }))) },
  };
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ghcr.io/acme/web:1.0\n    - name: proxy\n      image: ghcr.io/acme/proxy:2.0\n';
  return writeTgz([
    { name: 'web/Chart.yaml', data: new TextEncoder().encode(stringify(chart)) },
    { name: 'web/templates/pod.yaml', data: new TextEncoder().encode(pod) },
  ]);
}

describe('artifacthub.io/images', () => {
  it('joins the inventory and says which running image Artifact Hub would not scan', async () => {
    const pkg = webChart(['ghcr.io/acme/web:1.0', 'ghcr.io/acme/metrics:latest']);
    const report = await buildReport(
      { app: 'a', version: 'v', versionName: '1.0.0', package: pkg, builtBy: 'a'.repeat(64), builtByName: 'Iris', kubeVersions: ['1.29'] },
      { render: (await chartToolkit(testEngine())).render },
    );
    expect(report.images.map((i) => [i.image, i.sources])).toEqual([
      ['ghcr.io/acme/metrics:latest', ['Chart.yaml (artifacthub.io/images)']],
      ['ghcr.io/acme/proxy:2.0', ['web/templates/pod.yaml']],
      ['ghcr.io/acme/web:1.0', ['web/templates/pod.yaml', 'Chart.yaml (artifacthub.io/images)']],
    ]);
    const check = report.checks.find((c) => c.id === 'images')!;
    expect(check.findings.map((f) => [f.rule, f.say?.key])).toEqual([
      ['image.artifacthub-undeclared', 'report.imageUndeclared'],
      ['image.mutable-tag', 'report.imageLatest'],
    ]);
    expect(check.findings[0].message).toContain('ghcr.io/acme/proxy:2.0');
    expect(check.summary).toBe('The chart runs 3 images, 1 with a mutable tag.');
  });

  it('asks nothing of charts that declare no images', () => {
    const rendered = [{ image: 'a/b:1', repository: 'a/b', tag: '1', sources: ['t.yaml'] }];
    expect(withDeclaredImages(rendered, [])).toEqual({ images: rendered, findings: [] });
  });

  it('is locked at approval and listed in bundles', async () => {
    const pkg = webChart(['ghcr.io/acme/metrics:3.1']);
    expect(await defaultManifestImages(pkg, testEngine())).toEqual(['ghcr.io/acme/metrics:3.1', 'ghcr.io/acme/proxy:2.0', 'ghcr.io/acme/web:1.0']);
    expect(chartImages(ledgerChart('1.0.0'))).toEqual(['docker.io/acme/ledger:2.1.0']);
    expect(chartImages(pkg)).toEqual(expect.arrayContaining(['ghcr.io/acme/metrics:3.1']));
  });
});
