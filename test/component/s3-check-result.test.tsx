import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { S3CheckResult } from '../../src-renderer/components/S3CheckResult';
import { renderWidget } from './render';

describe('the S3 check result', () => {
  it('says what a reachable bucket holds, without the service’s sentence', async () => {
    await renderWidget(<S3CheckResult result={{ reachable: true, catalogName: 'Acme charts', message: 'The bucket holds…' }} testId="s3-store-check-result" />);
    const alert = screen.getByTestId('s3-store-check-result');
    expect(alert.textContent).toContain('The bucket answers · Holds the catalog “Acme charts”');
    expect(alert.textContent).not.toContain('The bucket holds…');
    expect(alert.getAttribute('data-reachable')).toBe('true');
  });

  it('gives the exact reason when the bucket cannot be used', async () => {
    const message = 'There is no bucket “nope” at http://127.0.0.1:9000. Create it first, or check its name.';
    await renderWidget(<S3CheckResult result={{ reachable: false, message }} testId="join-s3-result" />);
    const alert = screen.getByTestId('join-s3-result');
    expect(alert.textContent).toContain('The bucket cannot be used');
    expect(alert.textContent).toContain(message);
    expect(alert.getAttribute('data-reachable')).toBe('false');
  });

  it('says the reason in 简体中文 when the failure carries its sentence', async () => {
    const message = 'There is no bucket “nope” at http://127.0.0.1:9000. Create it first, or check its name.';
    const say = { key: 's3.noBucket', values: { where: { key: 's3.bucketAt', values: { bucket: 'nope', endpoint: 'http://127.0.0.1:9000' } } } };
    await renderWidget(<S3CheckResult result={{ reachable: false, message, say }} testId="join-s3-result" />, 'zh-CN');
    const alert = screen.getByTestId('join-s3-result');
    expect(alert.textContent).toContain('http://127.0.0.1:9000 上的存储桶“nope”不存在。请先创建，或核对其名称。');
    expect(alert.textContent).not.toContain('Create it first');
  });
});
