/** Image types are decided by the file's first bytes, never by a name the user typed. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if ((head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--')) && /<svg[\s>]/.test(head)) return 'image/svg+xml';
  return undefined;
}

export const CHART_PACKAGE_TYPE = 'application/gzip';
