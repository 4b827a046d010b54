/**
 * The page's entry. Before the main chunk (React, Mantine, the frame: ~300 kB to fetch and run)
 * the page asks the bridge for what its first screen shows — settings, app info, the session, the
 * sync status and, when it opens on the store, the store's first list — and fetches the strings of
 * the language it will speak; main.tsx then finds the answers in (early-calls.ts) instead of
 * asking one after the other (docs/ui.md, "First screen at scale"). The first call also takes the
 * bridge token out of the URL.
 */
// the global styles belong to the entry, so index.html links them first and every page's own
// CSS (frame.module.css and the rest) comes after Mantine's and overrides it as before
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts.css';
import './app/notifications.css';
import './app/icons.css';
import { parseHash } from './app/router';
import { askEarly } from './early-calls';
import { storeListRequest } from './features/store/store-state';
import { lastLanguage, loadStrings, systemLanguage } from './i18n/strings';

const route = parseHash(window.location.hash);
if (route.section === 'store' && route.path.length === 0) askEarly('store.list', storeListRequest(null, ''));
askEarly('settings.get', {});
askEarly('app.info', {});
// the language used last here (else the system's); main.tsx switches if the settings say otherwise
void loadStrings(lastLanguage() ?? systemLanguage(navigator.languages)).catch(() => undefined);
// not needed for the first paint (the frame renders before who we are is known): asked last
askEarly('session.get', {});
askEarly('catalog.status', {});
void import('./main');
