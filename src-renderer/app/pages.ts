/**
 * Every page of Berth, registered as data (as Headlamp's plugin registry registers routes):
 * the frame, the workspace switcher and the role check all read this list, so adding a page
 * is one entry here plus its folder under `features/`. Each page is loaded on first visit
 * (`React.lazy`), which makes every workspace its own chunk of the build.
 */
import { IconBuildingStore, IconClipboardCheck, IconPackages, IconSettings, IconShieldCog, IconStack2, type Icon } from '@tabler/icons-react';
import { type ComponentType, createElement, lazy } from 'react';
import { type Section, WORKSPACE_IDS, type WorkspaceId } from './router';

export type Role = 'isv' | 'reviewer' | 'admin';

/** The i18n key of a page's title (the document title and the switcher's label). */
export type PageTitleKey = `workspace.${WorkspaceId}.name` | 'settings.title';

export interface PageRegistration<S extends Section = Section> {
  /** The route: `#/<section>/<path…>`; the page reads the rest of the path itself. */
  section: S;
  icon: Icon;
  /** Listed in the header's workspace switcher (settings is reached by its own button). */
  workspace: boolean;
  /** Roles that see this page; an empty list means every member. */
  roles: readonly Role[];
  /** Also open before a catalog is connected (everything else shows the welcome page then). */
  beforeConnected: boolean;
  titleKey: PageTitleKey;
  component: LazyPage;
}

/**
 * A page loaded on first visit; `preload` starts fetching its chunk early (the page at start).
 * Once the chunk is in, the page renders straight, not through React.lazy: a lazy component
 * suspends on its first render even when its module is already loaded, and React then shows the
 * Suspense fallback and holds the page back for up to 300 ms after it (React's fallback throttle),
 * which the store's first screen paid at every start (docs/ui.md, "First screen at scale").
 */
export type LazyPage = ComponentType & { preload(): Promise<unknown> };

/** A page component from a module loaded on demand; pages are named exports. */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyPage {
  let loading: Promise<M> | undefined;
  let loaded: ComponentType | undefined;
  const once = () =>
    (loading ??= load().then((module) => {
      loaded = pick(module);
      return module;
    }));
  const Lazy = lazy(async () => ({ default: pick(await once()) }));
  const Page = () => createElement(loaded ?? Lazy);
  return Object.assign(Page, { preload: once });
}

export const PAGES: readonly PageRegistration[] = [
  {
    section: 'store',
    icon: IconBuildingStore,
    workspace: true,
    roles: [],
    beforeConnected: false,
    titleKey: 'workspace.store.name',
    component: lazyPage(() => import('../features/store/StorePage'), (m) => m.StorePage),
  },
  {
    section: 'instances',
    icon: IconStack2,
    workspace: true,
    roles: [],
    beforeConnected: false,
    titleKey: 'workspace.instances.name',
    component: lazyPage(() => import('../features/instances/InstancesPage'), (m) => m.InstancesPage),
  },
  {
    section: 'my-apps',
    icon: IconPackages,
    workspace: true,
    roles: ['isv', 'admin'],
    beforeConnected: false,
    titleKey: 'workspace.my-apps.name',
    component: lazyPage(() => import('../features/my-apps/MyAppsPage'), (m) => m.MyAppsPage),
  },
  {
    section: 'review',
    icon: IconClipboardCheck,
    workspace: true,
    roles: ['reviewer', 'admin'],
    beforeConnected: false,
    titleKey: 'workspace.review.name',
    component: lazyPage(() => import('../features/review/ReviewPage'), (m) => m.ReviewPage),
  },
  {
    section: 'admin',
    icon: IconShieldCog,
    workspace: true,
    // reviewers manage categories here too; the other admin tabs need the admin role
    roles: ['reviewer', 'admin'],
    beforeConnected: false,
    titleKey: 'workspace.admin.name',
    component: lazyPage(() => import('../features/admin/AdminPage'), (m) => m.AdminPage),
  },
  {
    section: 'settings',
    icon: IconSettings,
    workspace: false,
    roles: [],
    // language, theme and identity matter before the first catalog too
    beforeConnected: true,
    titleKey: 'settings.title',
    component: lazyPage(() => import('../features/settings/SettingsPage'), (m) => m.SettingsPage),
  },
];

/** What a person sees before any catalog is connected (creating or joining one). */
export const WelcomePage = lazyPage(() => import('../features/welcome/WelcomePage'), (m) => m.WelcomePage);

export function pageFor(section: Section): PageRegistration {
  // parseHash only yields registered sections, so the store is a fallback that never shows
  return PAGES.find((p) => p.section === section) ?? PAGES[0];
}

/** Whether these roles see the page; `undefined` (no identity known yet) sees them all. */
export function pageVisibleTo(page: PageRegistration, roles: readonly Role[] | undefined): boolean {
  return !roles || page.roles.length === 0 || page.roles.some((r) => roles.includes(r));
}

export interface Workspace {
  id: WorkspaceId;
  icon: Icon;
  roles: readonly Role[];
}

/** The switcher's workspaces for these roles, in the registry's order. */
export function visibleWorkspaces(roles: readonly Role[] | undefined): Workspace[] {
  return PAGES.filter((p) => p.workspace && pageVisibleTo(p, roles)).flatMap((p) => {
    const id = WORKSPACE_IDS.find((w) => w === p.section);
    return id ? [{ id, icon: p.icon, roles: p.roles }] : [];
  });
}
