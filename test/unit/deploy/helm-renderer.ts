/**
 * A ChartRenderer backed by the real `helm template` (test oracle), used until the WebAssembly
 * engine renders for deploy. It returns what Helm's engine returns: template path → text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChartRenderer } from '../../../src-main/deploy/render-release';
import { runHelm } from '../../services/helm';

export function parseTemplateOutput(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of out.split(/^---\n(?=# Source: )/m)) {
    const m = /^# Source: (.+)\n/.exec(block);
    if (!m) continue;
    const body = block.slice(m[0].length).replace(/\n$/, '');
    files[m[1]] = files[m[1]] ? `${files[m[1]]}\n---\n${body}` : body;
  }
  return files;
}

export const helmTemplateRenderer: ChartRenderer = async (req) => {
  const work = mkdtempSync(join(tmpdir(), 'berth-render-'));
  try {
    writeFileSync(join(work, 'chart.tgz'), req.chart);
    writeFileSync(join(work, 'values.json'), JSON.stringify(req.values));
    const args = ['template', req.release.name, join(work, 'chart.tgz'), '--namespace', req.release.namespace, '--values', join(work, 'values.json'), '--kube-version', req.capabilities.kubeVersion];
    for (const v of req.capabilities.apiVersions) args.push('--api-versions', v);
    if (req.release.isUpgrade) args.push('--is-upgrade');
    const r = await runHelm(args, join(work, 'home'));
    if (r.status !== 0) throw new Error(`helm template failed: ${r.stderr}`);
    return { files: parseTemplateOutput(r.stdout) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
