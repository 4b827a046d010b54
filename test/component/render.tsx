/**
 * Renders a renderer widget as the app does (Mantine theme, i18next with both languages) in
 * jsdom. Widgets that call the main side reach the real handlers through the same
 * `window.berth` bridge the Electron preload exposes, backed by services in a temp data dir.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { createHandlers } from '../../src-main/handlers';
import { dispatch } from '../../src-main/handlers/registry';
import { createServices, type Services } from '../../src-main/services';
import { theme } from '../../src-renderer/app/theme';
import { setupI18n, switchLanguage } from '../../src-renderer/i18n';
import type { Language } from '../../shared/types/core';

let i18nReady: Promise<unknown> | undefined;
const running: { dir: string; services: Services }[] = [];

afterEach(async () => {
  cleanup();
  for (const { dir, services } of running.splice(0)) {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
  delete window.berth;
});

/** Mounts `ui` in English (or `language`) inside Berth's theme, with room for its notifications. */
export async function renderWidget(ui: ReactElement, language: Language = 'en'): Promise<RenderResult> {
  i18nReady ??= setupI18n(language);
  await i18nReady;
  await switchLanguage(language);
  return render(
    <MantineProvider theme={theme}>
      <Notifications />
      {ui}
    </MantineProvider>,
  );
}

/** Connects the renderer's `call()` to a fresh set of real main-side services, as the preload does. */
export function connectMainSide(): Services {
  const dir = mkdtempSync(join(tmpdir(), 'berth-component-'));
  const services = createServices({ dataDir: dir, host: 'cli' });
  running.push({ dir, services });
  const handlers = createHandlers(services);
  window.berth = { call: (name, request) => dispatch(handlers, name, request), on: () => () => undefined };
  return services;
}
