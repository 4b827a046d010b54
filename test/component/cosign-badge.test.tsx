import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CosignResult } from '../../src-renderer/components/provenance/CosignBadge';
import { renderWidget } from './render';

const verified = { status: 'verified' as const, keyFingerprint: 'ab12'.repeat(16), message: 'Signed with cosign by a trusted key.' };

describe('the cosign badge', () => {
  it('says a chart is verified, by which key, and that no transparency log was used', async () => {
    const { container } = await renderWidget(<CosignResult check={verified} />);
    expect(screen.getByText('cosign: verified')).toBeTruthy();
    expect(container.textContent).toContain('ab12ab12ab12ab12…');
    expect(container.textContent).toContain('No transparency log was consulted.');
  });

  it('says an offline result is the last one seen, in Chinese too', async () => {
    const { container } = await renderWidget(<CosignResult check={{ ...verified, status: 'unknown-signer', checkedAt: '2026-12-01T10:00:00Z' }} />, 'zh-CN');
    expect(screen.getByText('cosign：签名者未知')).toBeTruthy();
    expect(container.textContent).toContain('于 2026-12-01 检查');
    expect(container.querySelector('[data-status="unknown-signer"]')).toBeTruthy();
  });
});
