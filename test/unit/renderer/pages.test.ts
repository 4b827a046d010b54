import { describe, expect, test } from 'vitest';
import { PAGES, pageFor, pageVisibleTo, visibleWorkspaces } from '../../../src-renderer/app/pages';
import { parseHash, WORKSPACE_IDS } from '../../../src-renderer/app/router';

describe('the page registry', () => {
  test('registers every route the router knows exactly once, and nothing else', () => {
    const sections = PAGES.map((p) => p.section);
    expect(new Set(sections).size).toBe(sections.length);
    expect([...sections].sort()).toEqual([...WORKSPACE_IDS, 'settings'].sort());
    for (const s of sections) expect(pageFor(parseHash(`#/${s}/x`).section).section).toBe(s);
  });

  test('shows a store user the store and instances, a reviewer also review and admin, an ISV also my apps', () => {
    expect(visibleWorkspaces([]).map((w) => w.id)).toEqual(['store', 'instances']);
    expect(visibleWorkspaces(['reviewer']).map((w) => w.id)).toEqual(['store', 'instances', 'review', 'admin']);
    expect(visibleWorkspaces(['isv']).map((w) => w.id)).toEqual(['store', 'instances', 'my-apps']);
    expect(visibleWorkspaces(undefined).map((w) => w.id)).toEqual([...WORKSPACE_IDS]);
  });

  test('keeps settings out of the switcher but open to everyone, even before a catalog is connected', () => {
    const settings = pageFor('settings');
    expect(settings.workspace).toBe(false);
    expect(settings.beforeConnected).toBe(true);
    expect(pageVisibleTo(settings, [])).toBe(true);
    expect(PAGES.filter((p) => p.beforeConnected).map((p) => p.section)).toEqual(['settings']);
    expect(pageVisibleTo(pageFor('my-apps'), ['reviewer'])).toBe(false);
  });

  test('loads each workspace page from its own module on first render or preload', () => {
    // each page is a plain component with its loader (rendered straight once loaded, else through
    // React.lazy); nothing under features/ is imported by the registry itself
    for (const p of PAGES) {
      expect(typeof p.component).toBe('function');
      expect(typeof p.component.preload).toBe('function');
    }
  });
});
