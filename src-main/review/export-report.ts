/** The report as a file to hand around: JSON (the whole record) or Markdown (for people and PRs). */
import type { CheckStatus, ReportView } from '../../shared/types/review-tools';

const MARK: Record<CheckStatus, string> = { pass: '✅ pass', warn: '⚠️ warning', fail: '❌ fail', unavailable: '⏸ not run' };

const TITLE: Record<string, string> = {
  lint: 'Lint and review checks',
  'values-schema': 'Default values against the schema',
  images: 'Image inventory',
  'api-scan': 'Removed and deprecated APIs',
  'test-deploy': 'Latest test deploy',
  'helm-test': 'Chart tests (helm test)',
  'ci-values': 'Chart-testing case (ci values)',
  'upgrade-test': 'Upgrade test from the previous active version',
};

function titleOf(c: { id: string; kind: string }): string {
  return TITLE[c.id] ?? (c.kind === 'ci-values' ? `${TITLE['ci-values']}: ${c.id.slice(3)}` : c.id);
}

/** Markdown table cells must not break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function reportToJson(view: ReportView): string {
  return `${JSON.stringify({ ...view.report, overall: view.overall, stale: view.stale, checks: view.checks }, null, 2)}\n`;
}

export function reportToMarkdown(view: ReportView): string {
  const r = view.report;
  const out: string[] = [];
  out.push(`# Pre-submission report: ${r.chart.name} ${r.versionName}`, '');
  out.push(`- Chart: \`${r.chart.name}\` ${r.chart.version}`);
  out.push(`- Package sha256: \`${r.packageSha256}\`${view.stale ? ' (the version’s package has changed since; rebuild the report)' : ''}`);
  out.push(`- Built: ${r.builtAt} by ${r.builtByName ?? r.builtBy.slice(0, 12)}`);
  out.push(`- Kubernetes versions: ${r.kubeVersions.join(', ')}`);
  out.push(`- Overall: ${MARK[view.overall]}`, '');
  out.push('| Check | Result | Summary | Waiver |', '|---|---|---|---|');
  for (const c of view.checks) {
    const w = c.waiver ? `${c.waiver.state}: ${c.waiver.reason}${c.waiver.note ? ` — ${c.waiver.note}` : ''}` : '';
    const result = c.effective !== c.status ? `${MARK[c.status]} (waived)` : MARK[c.status];
    out.push(`| ${cell(titleOf(c))} | ${result} | ${cell(c.summary)} | ${cell(w)} |`);
  }
  for (const c of view.checks) {
    if (c.findings.length === 0) continue;
    out.push('', `## ${titleOf(c)}`, '');
    for (const f of c.findings) {
      const where = [f.file && (f.line ? `${f.file}:${f.line}` : f.file), f.path && `\`${f.path}\``].filter(Boolean).join(' ');
      out.push(`- **${f.severity}**${f.rule ? ` \`${f.rule}\`` : ''}${where ? ` ${where}` : ''}: ${f.message.replace(/\r?\n/g, ' ')}`);
    }
  }
  if (r.images.length > 0) {
    out.push('', '## Images', '', '| Image | Used by |', '|---|---|');
    for (const i of r.images) out.push(`| \`${cell(i.image)}\` | ${cell(i.sources.join(', '))} |`);
  }
  return `${out.join('\n')}\n`;
}
