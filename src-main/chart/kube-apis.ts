/**
 * Kubernetes API versions that are deprecated or no longer served, from the deprecated API
 * migration guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
 * `sameSchema` marks moves where the object's fields carry over unchanged, so the quick fix may
 * rewrite just the apiVersion line; `needsSelector` moves are safe only when the object already
 * has the `selector` the replacement requires.
 */
/** Berth's default target: the Kubernetes version Helm v4.1.4 assumes without a cluster. */
export const DEFAULT_REVIEW_KUBE_VERSION = '1.35';

export interface KubeApiChange {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  /** The minor release that stopped serving it; absent while it is only deprecated. */
  removedIn?: string;
  /** The apiVersion to use instead; absent when the kind itself is gone. */
  replacement?: string;
  sameSchema?: boolean;
  needsSelector?: boolean;
}

type Row = [
  apiVersion: string,
  kinds: string[],
  deprecatedIn: string,
  removedIn: string | undefined,
  replacement: string | undefined,
  migration?: 'same' | 'selector',
];

const ROWS: Row[] = [
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'selector'],
  ['extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1', 'same'],
  ['extensions/v1beta1', ['PodSecurityPolicy'], '1.11', '1.16', 'policy/v1beta1'],
  ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'selector'],
  ['apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1', 'selector'],
  ['apps/v1beta1', ['ControllerRevision'], '1.9', '1.16', 'apps/v1', 'same'],
  ['apps/v1beta2', ['ControllerRevision'], '1.9', '1.16', 'apps/v1', 'same'],
  ['extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1'],
  [
    'rbac.authorization.k8s.io/v1beta1',
    ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ClusterRoleList', 'ClusterRoleBindingList', 'RoleList', 'RoleBindingList'],
    '1.17',
    '1.22',
    'rbac.authorization.k8s.io/v1',
    'same',
  ],
  ['rbac.authorization.k8s.io/v1alpha1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1', 'same'],
  [
    'admissionregistration.k8s.io/v1beta1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    '1.16',
    '1.22',
    'admissionregistration.k8s.io/v1',
  ],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1'],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1', 'same'],
  ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1'],
  ['coordination.k8s.io/v1beta1', ['Lease'], '1.14', '1.22', 'coordination.k8s.io/v1', 'same'],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1', 'same'],
  ['scheduling.k8s.io/v1alpha1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1', 'same'],
  ['storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1', 'same'],
  ['batch/v2alpha1', ['CronJob'], '1.8', '1.21', 'batch/v1', 'same'],
  ['batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1', 'same'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1'],
  ['events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', 'events.k8s.io/v1'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2'],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2', 'same'],
  ['policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1', 'same'],
  ['policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', undefined],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], '1.20', '1.25', 'node.k8s.io/v1', 'same'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1', 'same'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', 'same'],
];

export const KUBE_API_CHANGES: KubeApiChange[] = ROWS.flatMap(([apiVersion, kinds, deprecatedIn, removedIn, replacement, migration]) =>
  kinds.map((kind) => {
    const c: KubeApiChange = { apiVersion, kind, deprecatedIn };
    if (removedIn) c.removedIn = removedIn;
    if (replacement) c.replacement = replacement;
    if (migration === 'same') c.sameSchema = true;
    if (migration === 'selector') c.needsSelector = true;
    return c;
  }),
);

export function findApiChange(apiVersion: string, kind: string): KubeApiChange | undefined {
  return KUBE_API_CHANGES.find((c) => c.apiVersion === apiVersion && c.kind === kind);
}

/** "1.22" / "v1.22.3" / "1.22.0-gke.1" → 22 (the minor), for comparisons within Kubernetes 1.x. */
export function kubeMinor(version: string): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

export type ApiStatus = 'removed' | 'deprecated' | 'served';

export function apiStatusIn(change: KubeApiChange, kubeVersion: string): ApiStatus {
  const target = kubeMinor(kubeVersion) ?? Infinity;
  if (change.removedIn && target >= (kubeMinor(change.removedIn) ?? Infinity)) return 'removed';
  if (target >= (kubeMinor(change.deprecatedIn) ?? Infinity)) return 'deprecated';
  return 'served';
}
