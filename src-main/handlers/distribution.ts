import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type DistributionCall =
  | `distribution.${'settings' | 's3.credentials' | 's3.check' | 'target.save' | 'target.remove' | 'signOnPublish' | 'publish.plan' | 'publish' | 'import.plan' | 'import'}`
  | `provenance.${'key.generate' | 'trust' | 'distrust' | 'check' | 'attach'}`
  | `provenance.cosign.${'check' | 'keys' | 'generate' | 'trust' | 'distrust'}`
  | `bundle.${'export' | 'inspect' | 'import'}`;

/** Contract calls of distribution: S3 store settings, publishing, importing, provenance, bundles. */
export function distributionHandlers(services: Services): HandlerSlice<DistributionCall> {
  const d = () => services.distribution();
  return {
    'distribution.settings': async () => (await d()).view(),
    'distribution.s3.credentials': async (r) => (await d()).setS3Credentials(r.credentials),
    'distribution.s3.check': (r) => services.sync.checkS3(r.store),
    'distribution.target.save': async (r) => (await d()).saveTarget(r),
    'distribution.target.remove': async (r) => (await d()).removeTarget(r.target),
    'distribution.signOnPublish': async (r) => (await d()).setSignOnPublish(r.on === true),
    'distribution.publish.plan': async (r) => (await d()).planPublish(r.target),
    'distribution.publish': async (r) => (await d()).publish(r.target),
    'distribution.import.plan': async (r) => (await d()).planImport(r),
    'distribution.import': async (r) => (await d()).import(r),
    'provenance.key.generate': async (r) => (await d()).generateSigningKey(r),
    'provenance.trust': async (r) => (await d()).trust(r.publicKey),
    'provenance.distrust': async (r) => (await d()).distrust(r.fingerprint),
    'provenance.check': async (r) => (await d()).checkVersion(r.version),
    'provenance.cosign.check': async (r) => (await d()).checkCosign(need(r.version, 'version')),
    'provenance.cosign.keys': async () => (await d()).cosignKeys(),
    'provenance.cosign.generate': async () => (await d()).generateCosignKey(),
    'provenance.cosign.trust': async (r) => (await d()).trustCosign(need(r.publicKey, 'publicKey')),
    'provenance.cosign.distrust': async (r) => (await d()).distrustCosign(need(r.fingerprint, 'fingerprint')),
    'provenance.attach': async (r) => (await d()).attachProvenance(r.version, r.provenance),
    'bundle.export': async (r) => (await d()).exportBundle(r),
    'bundle.inspect': async (r) => (await d()).inspectBundle(r.path),
    'bundle.import': async (r) => (await d()).importBundle(r),
  };
}
