import { useRoute } from '../../app/router';
import { InvitationCard } from './InvitationCard';
import { StoreAppPage } from './StoreAppPage';
import { StoreBrowser } from './StoreBrowser';

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
