/**
 * The deploy wizard's image-digest notice against the real main side and a real registry: a tag
 * pushed again after approval is named, in both languages, and the approved digests are offered.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeTgz } from '../../src-main/chart/tar-write';
import { RegistryClient } from '../../src-main/publish/oci/registry-client';
import { ImageDigestNotice } from '../../src-renderer/components/deploy/ImageDigestNotice';
import { pushTestImage } from '../services/oci-image';
import { startRegistry, type TestRegistry } from '../services/oci-registry';
import { connectMainSide, renderWidget } from './render';

let registry: TestRegistry;
let client: RegistryClient;

beforeAll(async () => {
  registry = await startRegistry();
  client = new RegistryClient({ registry: registry.host, plainHttp: true });
});
afterAll(() => registry?.stop());

function chart(image: string): string {
  const files = {
    'app/Chart.yaml': stringify({ apiVersion: 'v2', name: 'app', version: '1.0.0' }),
    'app/templates/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`,
  };
  return Buffer.from(writeTgz(Object.entries(files).map(([name, text]) => ({ name, data: new TextEncoder().encode(text) })))).toString('base64');
}

/** A catalog with one approved version whose image tag is pushed again after the approval. */
async function approvedThenMoved(repository: string): Promise<{ version: string; approved: string; image: string }> {
  const services = connectMainSide();
  const image = `${registry.host}/${repository}:1.0`;
  const approved = await pushTestImage(client, repository, '1.0', 'reviewed');
  await services.sync.init('UI digests', { kind: 'folder', path: `${services.dataDir}-store` });
  await services.catalog.commands.createWorkspace({ name: 'team' });
  const app = await services.catalog.commands.createApp({ workspace: 'team', chart: chart(image) });
  const version = app.versions[0].id;
  await services.catalog.commands.submitVersion({ version, versionName: '1.0.0', changelog: 'first' });
  await services.imageLocks.approve({ version });
  await pushTestImage(client, repository, '1.0', 'pushed again');
  return { version, approved, image };
}

describe('the image digest notice of a store deploy', () => {
  it('says the tag moved and offers the approved digest', async () => {
    const { version, approved, image } = await approvedThenMoved('ui/en');
    const told: (Record<string, string> | undefined)[] = [];
    await renderWidget(<ImageDigestNotice version={version} onPins={(p) => told.push(p)} />);
    expect(await screen.findByText('1 image tag now points to a different image than the reviewer approved', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText(image)).toBeTruthy();
    await waitFor(() => expect(told.at(-1)).toEqual({ [image]: approved }));
    fireEvent.click(screen.getByLabelText('Deploy the approved digests'));
    await waitFor(() => expect(told.at(-1)).toBeUndefined());
  });

  it('says it in Chinese', async () => {
    const { version } = await approvedThenMoved('ui/zh');
    await renderWidget(<ImageDigestNotice version={version} onPins={() => undefined} />, 'zh-CN');
    expect(await screen.findByText('1 个镜像标签现在指向的镜像与审核人批准的不同', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByLabelText('部署审核通过的摘要')).toBeTruthy();
  });
});
