import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CommentableCode } from '../../src-renderer/components/comments/CommentableCode';
import { DiffView } from '../../src-renderer/features/review/DiffView';
import type { CommentAnchor, CommentThread } from '../../shared/types/review-tools';
import { connectMainSide, renderWidget } from './render';

const VALUES = ['replicaCount: 3', 'image:', '  repository: emqx/emqx', '  tag: v4.0.2', 'persistence: {}'].join('\n');

function thread(id: string, line: number, body: string, extra: Partial<CommentThread> = {}): CommentThread {
  return {
    id,
    app: 'app-1',
    version: 'v-402',
    versionName: 'v4.0.2',
    anchor: { kind: 'file', path: 'values.yaml', line },
    resolved: false,
    citedIn: [],
    comments: [{ id, author: 'k1', authorName: 'Ravi', at: new Date().toISOString(), body }],
    ...extra,
  };
}

const fileAnchor = (line: number, lineText: string): CommentAnchor => ({ kind: 'file', path: 'values.yaml', line, lineText });

/** The row right under a line: where its threads and composer open. */
function rowUnder(container: HTMLElement, line: number): HTMLElement | null {
  return container.querySelector<HTMLElement>(`tr[data-line="${line}"] + tr:not([data-line])`);
}

describe('the line table of a file', () => {
  it('numbers every line and shows each thread under its line, and threads whose line is gone above the file', async () => {
    const { container } = await renderWidget(
      <CommentableCode
        versionId="v-402"
        path="values.yaml"
        content={VALUES}
        anchorFor={fileAnchor}
        threads={[
          { thread: thread('t1', 2, 'Pin the image by digest.'), line: 2 },
          { thread: thread('t0', 9, 'This key moved.', { version: 'v-rc1', versionName: 'v1.0.0-rc.1', carried: { outdated: true } }) },
        ]}
      />,
    );
    expect([...container.querySelectorAll('tr[data-line]')].map((r) => r.getAttribute('data-line'))).toEqual(['1', '2', '3', '4', '5']);
    expect(container.querySelector('tr[data-line="4"]')?.textContent).toContain('tag: v4.0.2');
    expect(within(rowUnder(container, 2)!).getByText('Pin the image by digest.')).toBeTruthy();
    expect(rowUnder(container, 1)).toBeNull();
    expect(screen.getByText('Threads from an earlier version whose line is no longer here:')).toBeTruthy();
    expect(screen.getByText('This key moved.')).toBeTruthy();
  });

  it('opens a composer under the line whose button was pressed, and closes it on cancel', async () => {
    const { container } = await renderWidget(<CommentableCode versionId="v-402" path="values.yaml" content={VALUES} anchorFor={fileAnchor} threads={[]} />);
    fireEvent.click(screen.getByTestId('add-comment-4'));
    const under = rowUnder(container, 4)!;
    expect(within(under).getByTestId('comment-text')).toBeTruthy();
    expect(container.querySelectorAll('[data-testid="comment-text"]')).toHaveLength(1);
    fireEvent.click(within(under).getByRole('button', { name: 'Cancel' }));
    expect(container.querySelector('[data-testid="comment-text"]')).toBeNull();
  });

  it('keeps the comment and says in a sentence why it could not be saved', async () => {
    connectMainSide(); // a data dir with no catalog: the real comment.add refuses
    const { container } = await renderWidget(<CommentableCode versionId="v-402" path="values.yaml" content={VALUES} anchorFor={fileAnchor} threads={[]} />);
    fireEvent.click(screen.getByTestId('add-comment-1'));
    fireEvent.change(screen.getByTestId('comment-text'), { target: { value: 'Why three replicas?' } });
    fireEvent.click(screen.getByTestId('send-comment'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You are not connected to a catalog yet.');
    expect(alert.textContent).not.toMatch(/Error:|at .*\.ts|undefined/);
    expect((within(rowUnder(container, 1)!).getByTestId('comment-text') as HTMLTextAreaElement).value).toBe('Why three replicas?');
  });
});

describe('the side-by-side diff', () => {
  const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
  const after = before.replace('line 15', 'line fifteen');

  it('shows the change beside the old text and folds the unchanged stretches', async () => {
    const { container } = await renderWidget(<DiffView before={before} after={after} label="values.yaml" />);
    const region = screen.getByRole('region', { name: 'values.yaml' });
    expect(region.textContent).toContain('line fifteen');
    expect(region.textContent).toContain('line 15');
    expect(screen.getAllByText(/unchanged lines/).length).toBeGreaterThan(0);
    // without comments there is nothing to press
    expect(container.querySelector('[data-testid^="add-diff-comment"]')).toBeNull();
  });

  it('takes a comment on either side when comments are on', async () => {
    connectMainSide();
    const { container } = await renderWidget(
      <DiffView before={before} after={after} label="values.yaml" comments={{ versionId: 'v-402', base: 'v-rc1', path: 'values.yaml', of: 'file' }} />,
    );
    fireEvent.click(await screen.findByTestId('add-diff-comment-new-15'));
    const composer = screen.getByTestId('comment-text');
    const row = composer.closest('tr')!.previousElementSibling!;
    expect(row.textContent).toContain('line fifteen');
    expect(container.querySelectorAll('[data-testid="comment-text"]')).toHaveLength(1);
  });
});
