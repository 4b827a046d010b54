/** Icons are checked by their pixels, not only their bytes, and refusals read as sentences. */
import { afterAll, describe, expect, it } from 'vitest';
import { imageSize } from '../../../src-main/catalog/media';
import { cleanup, fixture, person, tempDir } from './people';

/** The first 24 bytes of a PNG: signature, then the IHDR chunk with width and height. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

describe('icon limits', () => {
  const shared = tempDir('icons');
  const ivy = person('Ivy');
  afterAll(() => {
    ivy.close();
    cleanup(shared, ivy.dataDir);
  });

  it('reads the size of a PNG and a JPEG from their headers', () => {
    expect(imageSize(pngHeader(12000, 9000), 'image/png')).toEqual({ width: 12000, height: 9000 });
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 200
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), 0xff, 0xc0, 0, 17, 8, 0x01, 0x2c, 0x00, 0xc8, 3]);
    expect(imageSize(jpeg, 'image/jpeg')).toEqual({ width: 200, height: 300 });
  });

  it('refuses a 12000×12000 PNG icon with a sentence, and a wrong type in plain English', async () => {
    await ivy.sync.init('Demo', { kind: 'folder', path: shared });
    await ivy.commands.createWorkspace({ name: 'demo-workspace' });
    const app = await ivy.commands.createApp({ workspace: 'demo-workspace', chart: fixture('emqx-v1.0.0-rc.1.tgz') });
    const huge = Buffer.from(pngHeader(12000, 12000)).toString('base64');
    await expect(ivy.commands.setIcon({ app: app.id, image: huge })).rejects.toMatchObject({
      message: 'The icon is 12000×12000 pixels; it can be at most 2048×2048.',
      say: { key: 'media.iconTooManyPixels', values: { width: 12000, height: 12000, max: 2048 } },
    });
    await expect(ivy.commands.setIcon({ app: app.id, image: Buffer.from('GIF89a').toString('base64') })).rejects.toThrow(
      'The icon must be a PNG, JPEG or SVG image.',
    );
    const ok = await ivy.commands.setIcon({ app: app.id, image: Buffer.from(pngHeader(512, 512)).toString('base64') });
    expect(ok.info.icon?.mediaType).toBe('image/png');
  });
});
