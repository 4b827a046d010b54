import { useRoute } from '../../app/router';
import { InstanceDetail } from './InstanceDetail';
import { InstancesList } from './InstancesList';

/** `#/instances` lists the releases of the chosen cluster; `#/instances/release/<namespace>/<name>` opens one. */
export function InstancesPage() {
  const path = useRoute((s) => s.path);
  if (path[0] === 'release' && path[1] && path[2]) return <InstanceDetail namespace={path[1]} name={path[2]} />;
  return <InstancesList />;
}
