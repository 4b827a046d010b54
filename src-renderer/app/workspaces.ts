import { IconBuildingStore, IconClipboardCheck, IconPackages, IconShieldCog, IconStack2, type Icon } from '@tabler/icons-react';
import type { WorkspaceId } from './router';

export type Role = 'isv' | 'reviewer' | 'admin';

export interface Workspace {
  id: WorkspaceId;
  icon: Icon;
  /** Roles that see this workspace; an empty list means every member. */
  roles: readonly Role[];
}

export const WORKSPACES: readonly Workspace[] = [
  { id: 'store', icon: IconBuildingStore, roles: [] },
  { id: 'instances', icon: IconStack2, roles: [] },
  { id: 'my-apps', icon: IconPackages, roles: ['isv', 'admin'] },
  { id: 'review', icon: IconClipboardCheck, roles: ['reviewer', 'admin'] },
  // reviewers manage categories here too; the other admin tabs need the admin role
  { id: 'admin', icon: IconShieldCog, roles: ['reviewer', 'admin'] },
];

/** Workspaces for these roles; `undefined` (no identity known yet) shows them all. */
export function visibleWorkspaces(roles: readonly Role[] | undefined): Workspace[] {
  if (!roles) return [...WORKSPACES];
  return WORKSPACES.filter((w) => w.roles.length === 0 || w.roles.some((r) => roles.includes(r)));
}
