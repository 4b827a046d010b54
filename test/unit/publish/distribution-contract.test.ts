import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/handlers';
import { dispatch } from '../../../src-main/handlers/registry';
import { createServices } from '../../../src-main/services';
import { freePort } from '../../services/process';
import { cleanup, tempDir } from '../catalog/people';

describe('the distribution section of the contract', () => {
  const dataDir = tempDir('dist-contract');
  const services = createServices({ dataDir, host: 'cli' });
  const handlers = createHandlers(services);
  afterAll(async () => {
    await services.close();
    cleanup(dataDir);
  });

  it('keeps targets and keys per person and never returns a secret', async () => {
    const saved = await dispatch(handlers, 'distribution.target.save', {
      target: { name: 'registry', kind: 'oci', location: 'oci://registry.example.com/charts', username: 'ci' },
      password: 'hunter2',
    });
    expect(saved.ok).toBe(true);
    const key = await dispatch(handlers, 'provenance.key.generate', { name: 'Berth Publisher', email: 'p@example.com' });
    expect(key).toMatchObject({ ok: true, value: { fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/) } });
    const view = await dispatch(handlers, 'distribution.settings', {});
    expect(view).toMatchObject({ ok: true, value: { signOnPublish: true, s3CredentialsSaved: false, targets: [{ name: 'registry', hasSecret: true }] } });
    expect(JSON.stringify(view)).not.toContain('hunter2');
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
  });

  it('answers bad input and unreachable places with a code and a sentence', async () => {
    const bad = await dispatch(handlers, 'distribution.target.save', { target: { name: 'x', kind: 'oci', location: 'https://not-oci' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid', message: expect.stringContaining('oci://') } });
    const missing = await dispatch(handlers, 'distribution.publish.plan', { target: 'nowhere' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await dispatch(handlers, 'distribution.s3.credentials', { credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const port = await freePort();
    const s3 = await dispatch(handlers, 'distribution.s3.check', { store: { kind: 's3', bucket: 'team', endpoint: `http://127.0.0.1:${port}` } });
    expect(s3).toMatchObject({ ok: true, value: { reachable: false, message: expect.stringContaining('does not answer') } });
    const bundle = await dispatch(handlers, 'bundle.inspect', { path: '/nonexistent/x.berth.tgz' });
    expect(bundle).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
