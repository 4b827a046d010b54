import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalLinkTarget, isOwnUrl } from '../../../src-main/electron/url-policy';

describe('window URL policy', () => {
  it('lets the window show only its own file:// page', () => {
    expect(isOwnUrl('file:///opt/Berth/resources/app/dist/renderer/index.html', 'file://')).toBe(true);
    expect(isOwnUrl('https://evil.example/', 'file://')).toBe(false);
    expect(isOwnUrl('not a url', 'file://')).toBe(false);
  });

  it('sends only http(s) links to the OS browser', () => {
    expect(externalLinkTarget('https://www.emqx.io/')).toBe('https://www.emqx.io/');
    expect(externalLinkTarget('file:///etc/passwd')).toBeUndefined();
    expect(externalLinkTarget('javascript:alert(1)')).toBeUndefined();
    expect(externalLinkTarget('smb://share/x')).toBeUndefined();
  });
});

describe('Electron window hardening', () => {
  // The Electron binary can't run here, so check the window's declared preferences in source.
  const main = readFileSync(join(__dirname, '../../../src-main/electron/main.ts'), 'utf8');
  const security = readFileSync(join(__dirname, '../../../src-main/electron/security.ts'), 'utf8');
  it('isolates the renderer', () => {
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/nodeIntegration: false/);
    expect(main).toMatch(/webviewTag: false/);
    expect(main).toMatch(/requestSingleInstanceLock/);
  });
  it('denies navigation, new windows and permissions', () => {
    expect(security).toMatch(/will-navigate/);
    expect(security).toMatch(/action: 'deny'/);
    expect(security).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(security).toMatch(/Content-Security-Policy/);
  });
});
