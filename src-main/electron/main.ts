import { app, BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../data-dir';
import { createHandlers } from '../handlers';
import { createServices } from '../services';
import { registerIpc } from './ipc';
import { applySecurityRestrictions } from './security';
import { isOwnUrl } from './url-policy';

// One Berth per person: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const dataDirFlag = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const dataDir = resolveDataDir(dataDirFlag ?? (process.env.BERTH_HOME ? undefined : app.getPath('userData')));
  const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
  const ownOrigin = 'file://';
  applySecurityRestrictions(ownOrigin);

  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(() => {
    const services = createServices({ dataDir, host: 'electron' });
    // Helm's engine processes start now, while the window opens, so the first render pays no start-up
    void services.engine().warmUp().catch(() => undefined);
    services.catalog.openEarly();
    const handlers = createHandlers(services);
    registerIpc(handlers, services.events, (wc) => isOwnUrl(wc.getURL(), ownOrigin));
    nativeTheme.themeSource = 'system';

    window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 1024,
      minHeight: 700,
      title: 'Berth',
      show: false,
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(pathToFileURL(rendererIndex).toString());

    app.on('window-all-closed', () => {
      void services.close().finally(() => app.quit());
    });
  });
}
