import { base64ToBytes } from './blob-urls';

/** Hands a file to the browser's (or Electron's) download handling. */
export function saveFile(fileName: string, base64: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
