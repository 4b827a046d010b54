/**
 * The chart toolkit as the report and the comparison use it: Helm's engine (Services' one)
 * renders; `helm lint` and the toolkit's review checks (stable ids) lint. Loaded on first
 * use so starting Berth stays fast.
 */
import { checkSeverity, LINT_SEVERITY } from '../../shared/check-severity';
import type { ReviewCheck } from '../../shared/types/chart';
import type { ReportFinding } from '../../shared/types/review-tools';
import type { HelmEngine } from '../render/engine';
import type { RenderPort, ReportTools } from './build-report';

/** Covered by the report's own checks (render, images, APIs per chosen Kubernetes version). */
const COVERED_ELSEWHERE = new Set(['render.defaults', 'images.tagged', 'api.removed', 'api.deprecated']);

const renderWith =
  (engine: HelmEngine): RenderPort =>
  async (req) => {
    const { renderChart } = await import('../render/render');
    const result = await renderChart(
      { archive: req.chart },
      {
        releaseName: req.releaseName ?? 'release-name',
        namespace: req.namespace ?? 'default',
        valuesYaml: [JSON.stringify(req.values)],
        kubeVersion: req.kubeVersion,
      },
      engine,
    );
    const files: Record<string, string> = {};
    for (const m of result.manifests) files[m.source] = files[m.source] ? `${files[m.source]}\n---\n${m.content}` : m.content;
    return files;
  };

function reviewFindings(checks: ReviewCheck[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const c of checks) {
    const severity = checkSeverity(c.status);
    if (!severity || COVERED_ELSEWHERE.has(c.id)) continue;
    if (c.findings.length === 0) out.push({ severity, rule: c.id, message: c.message, ...(c.say ? { say: c.say } : {}) });
    for (const f of c.findings) {
      // the object (`Kind/name`) is prefixed as a name, the sentence itself stays translatable
      const say = f.say && f.object ? { key: f.say.key, values: { ...f.say.values, object: f.object } } : f.say;
      out.push({
        severity,
        rule: c.id,
        message: f.object ? `${f.object}: ${f.message}` : f.message,
        ...(say ? { say } : {}),
        ...(f.file ? { file: f.file } : {}),
      });
    }
  }
  return out;
}

async function lint(pkg: Uint8Array, engine: HelmEngine): Promise<ReportFinding[]> {
  const [{ lintPackage }, { reviewChart }] = await Promise.all([import('../chart/lint'), import('./chart-review')]);
  const result = await lintPackage(pkg, {}, engine);
  const helm: ReportFinding[] = result.messages.map((m) => ({
    severity: LINT_SEVERITY[m.severity],
    rule: 'helm.lint',
    message: m.message,
    ...(m.path ? { file: m.path } : {}),
  }));
  return [...helm, ...reviewFindings((await reviewChart(pkg, {}, engine)).checks)];
}

/** A chart-testing case: helm lint with the values file, then what renders against the Kubernetes schemas. */
async function ciCase(pkg: Uint8Array, valuesYaml: string, kubeVersion: string, engine: HelmEngine): Promise<ReportFinding[]> {
  const [{ lintPackage }, { renderChart }, { kubeSchema, validateManifests, findingLine }] = await Promise.all([
    import('../chart/lint'),
    import('../render/render'),
    import('./schema-validate'),
  ]);
  const result = await lintPackage(pkg, { valuesYaml: [valuesYaml] }, engine);
  const out: ReportFinding[] = result.messages.map((m) => ({
    severity: LINT_SEVERITY[m.severity],
    rule: 'helm.lint',
    message: m.message,
    ...(m.path ? { file: m.path } : {}),
  }));
  if (out.some((f) => f.severity === 'error')) return out;
  const { minor } = kubeSchema(kubeVersion);
  const rendered = await renderChart(
    { archive: pkg },
    { releaseName: 'release-name', namespace: 'default', valuesYaml: [valuesYaml], kubeVersion: `${minor}.0` },
    engine,
  );
  const crdReply = await engine.call('crdschemas', { chart: '' }, pkg);
  const crds = crdReply.error === undefined ? (JSON.parse(new TextDecoder().decode(crdReply.stdout)) as Record<string, never>[]) : [];
  const manifests = rendered.manifests.filter((m) => !m.source.endsWith('NOTES.txt')).map((m) => ({ file: m.source, content: m.content }));
  for (const f of validateManifests(manifests, crds, { kubeVersion: minor })) {
    out.push({
      severity: f.id === 'schema.unknown-kind' ? 'warning' : 'error',
      rule: f.id,
      message: findingLine(f),
      file: f.file,
      ...(f.path ? { path: f.path } : {}),
    });
  }
  return out;
}

export function chartToolkit(engine: HelmEngine): Promise<ReportTools> {
  return Promise.resolve({ render: renderWith(engine), lint: (pkg) => lint(pkg, engine), ciCase: (pkg, values, kube) => ciCase(pkg, values, kube, engine) });
}
