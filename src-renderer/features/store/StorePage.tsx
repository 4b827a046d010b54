import { lazy } from 'react';
import { useRoute } from '../../app/router';
import { InvitationCard } from './InvitationCard';
import { StoreBrowser } from './StoreBrowser';

// an app's page (deploy wizard, values, provenance, Artifact Hub) is its own chunk: the list
// at start loads without it (docs/ui.md, "First screen at scale")
const StoreAppPage = lazy(async () => ({ default: (await import('./StoreAppPage')).StoreAppPage }));

export function StorePage() {
  const path = useRoute((s) => s.path);
  if (path[0] === 'app' && path[1]) return <StoreAppPage appId={path[1]} />;
  return (
    <>
      <InvitationCard />
      <StoreBrowser />
    </>
  );
}
