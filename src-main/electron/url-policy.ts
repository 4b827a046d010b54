/**
 * Which URLs the Berth window may show, and which links go to the OS browser.
 * Kept free of Electron imports so it can be unit-tested.
 */
export function isOwnUrl(url: string, ownOrigin: string): boolean {
  try {
    const u = new URL(url);
    return ownOrigin === 'file://' ? u.protocol === 'file:' : u.origin === ownOrigin;
  } catch {
    return false;
  }
}

/** Only web links leave the app, and only to the OS browser; file:, javascript:, custom schemes never do. */
export function externalLinkTarget(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
