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
import { parseHash, startRouter } from './app/router';
import { startSession } from './app/session';
import { loadSettings, useSettings } from './app/settings-store';
import { theme } from './app/theme';
import { setupI18n } from './i18n';

/** Keeps Mantine's colour scheme in step with the saved theme preference. */
function ColorSchemeSync() {
  const preference = useSettings((s) => s.settings.theme);
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => setColorScheme(preference), [preference, setColorScheme]);
  return null;
}

async function start(): Promise<void> {
  // the page at start is fetched while settings, language and session load, not after them
  void pageFor(parseHash(window.location.hash).section)
    .component.preload()
    .catch(() => undefined);
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
