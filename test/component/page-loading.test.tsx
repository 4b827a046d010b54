import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageLoading } from '../../src-renderer/app/PageLoading';
import { renderWidget } from './render';

describe('the outline shown while a page’s code loads', () => {
  it('shows nothing at first, then the page’s outline, then says loading has stalled and offers a reload', async () => {
    const { container } = await renderWidget(<PageLoading slowAfterMs={600} />);
    expect(screen.queryByLabelText('Loading the page')).toBeNull();
    const outline = await screen.findByLabelText('Loading the page');
    expect(outline.getAttribute('aria-busy')).toBe('true');
    expect(await screen.findByText('This page is taking long to load', {}, { timeout: 2000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
