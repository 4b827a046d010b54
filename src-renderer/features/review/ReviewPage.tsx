import { useRoute } from '../../app/router';
import { ReviewQueue } from './ReviewQueue';
import { ReviewVersionPage } from './ReviewVersionPage';

export function ReviewPage() {
  const path = useRoute((s) => s.path);
  if (path[0] === 'version' && path[1]) return <ReviewVersionPage versionId={path[1]} />;
  return <ReviewQueue />;
}
