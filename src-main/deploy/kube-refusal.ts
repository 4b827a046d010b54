/**
 * Kubernetes' own refusal of a request (403 Forbidden and the like) as a sentence people read in
 * their language, with Kubernetes' words quoted (`reason`), instead of an internal error.
 */
import { refusal } from '../sentences';
import { KubeApiError } from './kube-client';

/** The error a deploy call ends with: a KubeApiError said as a refusal, anything else as it is. */
export function kubeRefusal(e: unknown): unknown {
  if (!(e instanceof KubeApiError)) return e;
  return e.status === 403
    ? refusal('deploy.failed', 'kube.forbidden', { reason: e.message })
    : refusal('deploy.failed', 'kube.refused', { status: e.status, reason: e.message });
}
