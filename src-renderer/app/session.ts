import { visibleWorkspaces, type Workspace } from './workspaces';

/** The workspaces the current identity may open. Until the catalog knows who we are, all of them. */
export function useVisibleWorkspaces(): Workspace[] {
  return visibleWorkspaces(undefined);
}
