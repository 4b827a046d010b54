/**
 * Deploy refusals are keyed sentences (said in the reader's language in the UI), and their English
 * `message` is what the CLI prints: it must read word for word as before they were keyed.
 */
import { describe, expect, it } from 'vitest';
import { refusal, sentence } from '../../../src-main/sentences';

describe('deploy refusals keep their English', () => {
  it.each([
    [refusal('not-found', 'kube.noContext', { context: 'nope' }), 'The kubeconfig has no context named “nope”.'],
    [
      refusal('input.invalid', 'kube.noServer', { context: 'lab', cluster: 'c1' }),
      'Context “lab” points at cluster “c1”, which the kubeconfig does not define with a server address.',
    ],
    [
      refusal('cluster.unreachable', 'kube.unreadable', { what: sentence('kube.clientCertificate'), file: '/k/cert.pem' }),
      'The kubeconfig names client certificate /k/cert.pem, which cannot be read.',
    ],
    [
      refusal('cluster.unreachable', 'kube.unreachable', {
        server: 'https://10.0.0.1:6443',
        context: 'lab',
        cause: sentence('kube.cause.untrusted', { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      }),
      'Berth could not reach the cluster at https://10.0.0.1:6443 (context “lab”): its certificate is not trusted by this system, and the kubeconfig names no certificate authority for the cluster; add certificate-authority-data to the cluster entry (SELF_SIGNED_CERT_IN_CHAIN).',
    ],
    [
      refusal('cluster.unreachable', 'kube.unreachable', { server: 'https://h', context: 'lab', cause: sentence('kube.cause.tlsTimeout', { seconds: 10 }) }),
      'Berth could not reach the cluster at https://h (context “lab”): it accepted the connection but did not complete the TLS handshake within 10 s (TLS handshake timeout).',
    ],
    [
      refusal('conflict', 'release.exists', {
        release: 'web',
        namespace: 'apps',
        cause: sentence('release.cause.revisionIs', { revision: 3, status: 'failed' }),
      }),
      'A release named “web” already exists in namespace apps: revision 3 is failed; upgrade it, or uninstall it first.',
    ],
    [refusal('not-found', 'release.notFound', { release: 'web', namespace: 'apps' }), 'There is no release named web in namespace apps.'],
    [
      refusal('conflict', 'release.busyUpgrade', { release: 'web', status: 'pending-upgrade' }),
      'Release web is busy (pending-upgrade); another install, upgrade or rollback is in progress.',
    ],
    [refusal('deploy.failed', 'release.installFailed', { release: 'web', reason: 'etcdserver: request timed out' }), 'Installing web failed: etcdserver: request timed out'],
    // Helm's own words for values that do not parse, as Helm prints them
    [refusal('input.invalid', 'release.valuesUnparsed', { reason: 'failed parsing --set data: key "a" has no value' }), 'failed parsing --set data: key "a" has no value'],
  ])('%#: %s', (failure, english) => {
    expect(failure.message).toBe(english);
    expect(failure.say?.key).toMatch(/^(kube|release)\./);
  });
});
