/** A Chart.yaml `home:` that is not a web address (javascript:…) never becomes the app's link. */
import { afterAll, describe, expect, test } from 'vitest';
import { chartTgz } from '../chart/tar-builder';
import { cleanup, person, tempDir } from './people';

describe('the home link an app gets from its Chart.yaml', () => {
  const shared = tempDir('home');
  const ada = person('Ada');
  afterAll(async () => {
    await ada.close();
    cleanup(shared, ada.dataDir);
  });

  test('javascript: is left out on app create, as app edit refuses it; https stays', async () => {
    await ada.sync.init('Home', { kind: 'folder', path: shared });
    await ada.commands.createWorkspace({ name: 'ws' });
    const evil = chartTgz([], 'apiVersion: v2\nname: evil\nversion: 1.0.0\nhome: "javascript:alert(document.cookie)"\n');
    const app = await ada.commands.createApp({ workspace: 'ws', chart: Buffer.from(evil).toString('base64') });
    expect(app.info.home).toBe('');
    await expect(ada.commands.updateInfo({ app: app.id, home: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'input.invalid' });
    const good = chartTgz([], 'apiVersion: v2\nname: good\nversion: 1.0.0\nhome: https://example.com/good\n');
    expect((await ada.commands.createApp({ workspace: 'ws', chart: Buffer.from(good).toString('base64') })).info.home).toBe('https://example.com/good');
  });
});
