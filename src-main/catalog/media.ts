/** Image types are decided by the file's first bytes, never by a name the user typed. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if ((head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--')) && /<svg[\s>]/.test(head)) return 'image/svg+xml';
  return undefined;
}

/**
 * Width and height of a PNG (its IHDR chunk) or a JPEG (its first SOF marker), read from the
 * header without decoding; undefined for SVG or a header Berth cannot read.
 */
export function imageSize(bytes: Uint8Array, type: ImageType): { width: number; height: number } | undefined {
  const be16 = (i: number) => (bytes[i] << 8) | bytes[i + 1];
  if (type === 'image/png' && bytes.length >= 24) return { width: be16(16) * 65536 + be16(18), height: be16(20) * 65536 + be16(22) };
  if (type !== 'image/jpeg') return undefined;
  for (let i = 2; i + 9 < bytes.length && bytes[i] === 0xff; i += 2 + be16(i + 2)) {
    const marker = bytes[i + 1];
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: be16(i + 7), height: be16(i + 5) };
  }
  return undefined;
}

export const CHART_PACKAGE_TYPE = 'application/gzip';
