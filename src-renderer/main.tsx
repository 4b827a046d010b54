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

/** Runs once boot.ts has asked for the first screen's data: renders the frame as soon as that data and the page's code are in. */
async function start(): Promise<void> {
  // the first render waits for the start page's chunk too (index.html preloads the store's), so it
  // renders the page and not a fallback (docs/ui.md, "First screen at scale")
  const route = parseHash(window.location.hash);
  const page = pageFor(route.section)
    .component.preload()
    .catch(() => undefined);
  // boot.ts's first call took the bridge token out of the URL, so routing starts now
  const [settings] = await Promise.all([loadSettings(), page]);
  await setupI18n(settings.language);
  // boot.ts runs as soon as it is fetched (an async script), maybe before the page is parsed
  if (document.readyState === 'loading') await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
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
