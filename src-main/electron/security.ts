import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * Hardening in the manner of Podman Desktop's and Freelens' security-restrictions:
 * the window may only show Berth's own page; navigation, new windows, webviews and
 * permission requests are refused; http(s) links open in the OS browser.
 */
export function isOwnUrl(url: string, ownOrigin: string): boolean {
  try {
    const u = new URL(url);
    return ownOrigin === 'file://' ? u.protocol === 'file:' : u.origin === ownOrigin;
  } catch {
    return false;
  }
}

function openExternally(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') void shell.openExternal(u.toString());
  } catch {
    // not a URL: ignore
  }
}

export function applySecurityRestrictions(ownOrigin: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url, ownOrigin)) {
        event.preventDefault();
        openExternally(url);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url, ownOrigin)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  });
}
