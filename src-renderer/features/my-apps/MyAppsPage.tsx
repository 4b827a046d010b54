import { useRoute } from '../../app/router';
import { AppWorkbench } from './AppWorkbench';
import { MyAppsList } from './MyAppsList';

export function MyAppsPage() {
  const path = useRoute((s) => s.path);
  if (path[0] === 'app' && path[1]) return <AppWorkbench appId={path[1]} />;
  return <MyAppsList />;
}
