import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FindingsTable } from '../../src-renderer/components/FindingsTable';
import { StateBadge } from '../../src-renderer/components/StateBadge';
import { renderWidget } from './render';

describe('the state badge', () => {
  it('names a version state in the store’s words', async () => {
    await renderWidget(<StateBadge state="submitted" />);
    expect(screen.getByText('Waiting for review').closest('[data-state]')?.getAttribute('data-state')).toBe('submitted');
  });

  it('speaks Chinese when the language is Chinese', async () => {
    const { container } = await renderWidget(<StateBadge state="active" />, 'zh-CN');
    const badge = container.querySelector('[data-state="active"]');
    expect(badge?.textContent).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names an app in development differently from a draft version', async () => {
    await renderWidget(
      <>
        <StateBadge state="draft" kind="app" />
        <StateBadge state="draft" />
      </>,
    );
    expect(screen.getByText('In development')).toBeTruthy();
    expect(screen.getByText('Draft')).toBeTruthy();
  });
});

describe('the findings table', () => {
  it('shows each finding’s severity in words, its stable id, its message and where it is', async () => {
    await renderWidget(
      <FindingsTable
        findings={[
          { severity: 'error', id: 'chart.removed-api', message: 'policy/v1beta1 PodDisruptionBudget is gone in 1.25.', path: 'templates/pdb.yaml' },
          { severity: 'info', id: 'chart.icon', message: 'The chart has no icon.' },
        ]}
      />,
    );
    const rows = within(screen.getByTestId('findings')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('Error');
    expect(rows[1].textContent).toContain('chart.removed-api');
    expect(rows[1].textContent).toContain('templates/pdb.yaml');
    expect(rows[2].textContent).toContain('chart.icon');
    expect(rows[2].textContent).not.toContain('templates/');
  });
});
