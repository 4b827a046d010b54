/**
 * A small hash router kept in zustand: `#/<section>/<path…>`. Hash routes work the same
 * from file:// (Electron) and from the loopback bridge (browser mode).
 */
import { create } from 'zustand';

export const WORKSPACE_IDS = ['store', 'instances', 'my-apps', 'review', 'admin'] as const;
export type WorkspaceId = (typeof WORKSPACE_IDS)[number];
export type Section = WorkspaceId | 'settings';
const SECTIONS: readonly string[] = [...WORKSPACE_IDS, 'settings'];

export interface Route {
  section: Section;
  path: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0 || !SECTIONS.includes(parts[0])) return { section: 'store', path: [] };
  return { section: parts[0] as Section, path: parts.slice(1) };
}

export function hrefFor(section: Section, ...path: string[]): string {
  return '#/' + [section, ...path].map(encodeURIComponent).join('/');
}

export const useRoute = create<Route>(() => ({ section: 'store', path: [] }));

export function navigate(section: Section, ...path: string[]): void {
  const href = hrefFor(section, ...path);
  if (window.location.hash !== href) window.location.hash = href;
  else useRoute.setState(parseHash(href));
}

/** Call once the bridge token has been taken out of the fragment. */
export function startRouter(): void {
  useRoute.setState(parseHash(window.location.hash));
  window.addEventListener('hashchange', () => useRoute.setState(parseHash(window.location.hash)));
}
