import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { externalLinkTarget, isOwnUrl } from './url-policy';

/**
 * Hardening in the manner of Podman Desktop's and Freelens' security-restrictions:
 * the window may only show Berth's own page; navigation, new windows, webviews and
 * permission requests are refused; http(s) links open in the OS browser.
 */
function openExternally(url: string): void {
  const target = externalLinkTarget(url);
  if (target) void shell.openExternal(target);
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
