import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts.css';
import './app/notifications.css';
import './app/icons.css';
import { MantineProvider, useMantineColorScheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { Frame } from './app/Frame';
import { pageFor } from './app/pages';
import { prefetch } from './components/useCatalogQuery';
import { storeListRequest, useStoreBrowse } from './features/store/store-state';
import { parseHash, startRouter } from './app/router';
import { startSession } from './app/session';
import { loadSettings, systemLanguage, useSettings } from './app/settings-store';
import { theme } from './app/theme';
import { lastLanguage, loadStrings, setupI18n } from './i18n';

/** Keeps Mantine's colour scheme in step with the saved theme preference. */
function ColorSchemeSync() {
  const preference = useSettings((s) => s.settings.theme);
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => setColorScheme(preference), [preference, setColorScheme]);
  return null;
}

async function start(): Promise<void> {
  // the page at start is fetched while settings, language and session load, not after them,
  // and so is the store's first list when that page is the store (docs/ui.md, "First screen at scale")
  const route = parseHash(window.location.hash);
  void pageFor(route.section)
    .component.preload()
    .catch(() => undefined);
  if (route.section === 'store' && route.path.length === 0) {
    const { category, search } = useStoreBrowse.getState();
    prefetch('store.list', storeListRequest(category, search.trim()));
  }
  // the strings of the language used last here (else the system's) are fetched beside the settings
  void loadStrings(lastLanguage() ?? systemLanguage(navigator.languages)).catch(() => undefined);
  // the first call also takes the bridge token out of the URL, so routing starts after it
  const settings = await loadSettings();
  await setupI18n(settings.language);
  startRouter();
  startSession();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme={settings.theme}>
        <ColorSchemeSync />
        {/* top centre under the header (app/notifications.css): clear of row actions and bottom buttons */}
        <Notifications position="top-center" limit={1} containerWidth={380} />
        <Frame />
      </MantineProvider>
    </StrictMode>,
  );
}

void start();
