/** A folder picked in the browser: failures name its files as the person knows them, never Berth's temp folder. */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { packagePickedFolder } from '../../../src-main/chart/package';
import { testEngine } from '../../services/engine';

const enc = (s: string) => new TextEncoder().encode(s);

describe('packaging a picked folder', () => {
  it('refuses a NUL byte in a path with input.invalid, not internal', async () => {
    await expect(packagePickedFolder([{ path: 'demo/Chart\0.yaml', data: enc('x') }], testEngine())).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('a broken Chart.yaml fails with a sentence that does not show the temp folder', async () => {
    const failure = await packagePickedFolder([
      { path: 'demo/Chart.yaml', data: enc('apiVersion: v2\nname: demo\n') },
      { path: 'demo/values.yaml', data: enc('a: 1\n') },
    ], testEngine()).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain(tmpdir());
    expect((failure as Error).message).not.toContain('berth-folder-');
  });
});
