import type { ChartFile } from './chart-api';

/** Rendered manifests name their template with the chart's folder (`emqx/templates/x.yaml`); people think without it. */
export function stripChartFolder(path: string): string {
  const i = path.indexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

const FIRST = ['values.yaml', 'Chart.yaml', 'README.md', 'values.schema.json', 'Chart.lock', 'requirements.yaml'];

/** Reviewers read values.yaml first, then the chart's metadata, then the rest by folder. */
export function reviewOrder(a: string, b: string): number {
  const ra = FIRST.indexOf(a);
  const rb = FIRST.indexOf(b);
  if (ra !== rb) return (ra < 0 ? FIRST.length : ra) - (rb < 0 ? FIRST.length : rb);
  const da = a.includes('/');
  const db = b.includes('/');
  if (da !== db) return da ? 1 : -1;
  return a.localeCompare(b);
}

export function textFiles(files: ChartFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) if (f.text !== undefined) out.set(f.path, f.text);
  return out;
}

export function findReadme(files: ChartFile[]): string | undefined {
  return files.find((f) => /^readme(\.md)?$/i.test(f.path))?.text;
}

export interface FileTreeNode {
  value: string;
  label: string;
  children?: FileTreeNode[];
}

/** Nested nodes for Mantine's Tree: values.yaml and the chart's metadata on top, then folders, then other files. */
export function fileTree(paths: string[]): FileTreeNode[] {
  const root: FileTreeNode[] = [];
  for (const path of paths) {
    const parts = path.split('/');
    let level = root;
    parts.forEach((part, i) => {
      const value = parts.slice(0, i + 1).join('/');
      let child = level.find((c) => c.value === value);
      if (!child) {
        child = i === parts.length - 1 ? { value, label: part } : { value, label: part, children: [] };
        level.push(child);
      }
      level = child.children ?? [];
    });
  }
  const rank = (n: FileTreeNode) => (FIRST.includes(n.value) ? FIRST.indexOf(n.value) : n.children ? FIRST.length : FIRST.length + 1);
  const sort = (nodes: FileTreeNode[]) => {
    nodes.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
    nodes.forEach((n) => n.children && sort(n.children));
  };
  sort(root);
  return root;
}

/** One entry per template: a template that renders several objects becomes one `---`-joined document. */
export function manifestsBySource(manifests: { source: string; content: string }[]): { source: string; content: string }[] {
  const out = new Map<string, string[]>();
  for (const m of manifests) {
    const path = stripChartFolder(m.source);
    out.set(path, [...(out.get(path) ?? []), m.content.replace(/\s+$/, '')]);
  }
  return [...out].map(([source, docs]) => ({ source, content: docs.join('\n---\n') + '\n' }));
}
