/** The report's render port backed by the real `helm template` (the test oracle). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderPort } from '../../../src-main/review/build-report';
import { runHelm } from '../../services/helm';

export const helmRender: RenderPort = async (req) => {
  const work = mkdtempSync(join(tmpdir(), 'berth-report-render-'));
  try {
    writeFileSync(join(work, 'chart.tgz'), req.chart);
    writeFileSync(join(work, 'values.json'), JSON.stringify(req.values));
    const r = await runHelm(
      [
        'template',
        req.releaseName ?? 'release-name',
        join(work, 'chart.tgz'),
        '--namespace',
        req.namespace ?? 'default',
        '--values',
        join(work, 'values.json'),
        '--kube-version',
        req.kubeVersion,
      ],
      join(work, 'home'),
    );
    if (r.status !== 0) throw new Error(r.stderr.replace(/^Error: /, '').trim());
    const files: Record<string, string> = {};
    for (const block of r.stdout.split(/^---\n(?=# Source: )/m)) {
      const m = /^# Source: (.+)\n/.exec(block);
      if (!m) continue;
      const body = block.slice(m[0].length).replace(/\n$/, '');
      files[m[1]] = files[m[1]] ? `${files[m[1]]}\n---\n${body}` : body;
    }
    return files;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
