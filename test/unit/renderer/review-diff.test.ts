import { describe, expect, it } from 'vitest';
import { fileTree, reviewOrder } from '../../../src-renderer/components/chart-files';
import { compareFileSets, sideBySide } from '../../../src-renderer/features/review/side-by-side';

describe('side-by-side diff for reviewers', () => {
  it('pairs a changed line with its replacement and folds unchanged stretches', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'image: emqx:v1.0.0', 'k'].join('\n') + '\n';
    const after = before.replace('image: emqx:v1.0.0', 'image: emqx:v4.0.2');
    const rows = sideBySide(before, after, 2);
    expect(rows[0]).toEqual({ kind: 'gap', hidden: 8 });
    const changed = rows.filter((r) => r.kind === 'changed');
    expect(changed).toEqual([{ kind: 'changed', left: { n: 11, text: 'image: emqx:v1.0.0' }, right: { n: 11, text: 'image: emqx:v4.0.2' } }]);
    expect(rows.at(-1)).toMatchObject({ kind: 'same', left: { n: 12, text: 'k' } });
  });

  it('shows added lines on the right only, with correct numbering', () => {
    const rows = sideBySide('x\n', 'x\ny\n');
    expect(rows).toEqual([
      { kind: 'same', left: { n: 1, text: 'x' }, right: { n: 1, text: 'x' } },
      { kind: 'changed', right: { n: 2, text: 'y' } },
    ]);
  });

  it('tells added, removed, modified and unchanged files apart', () => {
    const a = new Map([['values.yaml', '1'], ['templates/a.yaml', 'same'], ['templates/old.yaml', 'x']]);
    const b = new Map([['values.yaml', '2'], ['templates/a.yaml', 'same'], ['templates/new.yaml', 'y']]);
    expect(compareFileSets(a, b)).toEqual([
      { path: 'templates/a.yaml', change: 'unchanged' },
      { path: 'templates/new.yaml', change: 'added' },
      { path: 'templates/old.yaml', change: 'removed' },
      { path: 'values.yaml', change: 'modified' },
    ]);
  });
});

describe('chart file tree', () => {
  it('puts values.yaml first, then the chart metadata, then folders', () => {
    const tree = fileTree(['templates/service.yaml', 'README.md', 'Chart.yaml', '.helmignore', 'values.yaml', 'templates/_helpers.tpl']);
    expect(tree.map((n) => n.value)).toEqual(['values.yaml', 'Chart.yaml', 'README.md', 'templates', '.helmignore']);
    expect(tree[3].children?.map((n) => n.label)).toEqual(['_helpers.tpl', 'service.yaml']);
    expect(['templates/x.yaml', 'values.yaml'].sort(reviewOrder)).toEqual(['values.yaml', 'templates/x.yaml']);
  });
});

describe('rendered manifests per template', () => {
  it('joins the objects one template renders into one document, without the chart folder', async () => {
    const { manifestsBySource } = await import('../../../src-renderer/components/chart-files');
    const grouped = manifestsBySource([
      { source: 'emqx/templates/rbac.yaml', content: 'kind: ServiceAccount\n' },
      { source: 'emqx/templates/service.yaml', content: 'kind: Service\n' },
      { source: 'emqx/templates/rbac.yaml', content: 'kind: Role\n' },
    ]);
    expect(grouped).toEqual([
      { source: 'templates/rbac.yaml', content: 'kind: ServiceAccount\n---\nkind: Role\n' },
      { source: 'templates/service.yaml', content: 'kind: Service\n' },
    ]);
  });
});
