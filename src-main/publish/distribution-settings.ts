/**
 * Publishing targets and their secrets, per person, in the data dir (never in the catalog):
 *   <dataDir>/distribution/settings.json   targets, signing preference
 *   <dataDir>/distribution/secrets.json    registry passwords and tokens (0600)
 * (S3 keys for the catalog's bucket belong to sync: src-main/sync/s3-keys.ts.)
 *   <dataDir>/distribution/published/<target>.json   what Berth pushed to an OCI target
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BerthFailure } from '../../shared/result';
import type { ArtifactHubRepoSettings, PublishTarget, PublishTargetInput } from '../../shared/types/distribution';
import { writeFileAtomic } from '../atomic-file';
import type { RegistryAccess } from './oci/image-digest';
import { parseOciLocation } from './oci/reference';

interface SettingsFile {
  targets: PublishTarget[];
  signOnPublish: boolean;
}

interface SecretsFile {
  registries: Record<string, { password?: string; token?: string }>;
}

export interface PublishedRecord {
  /** `name@version` → manifest digest */
  charts: Record<string, string>;
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Checked here so a typo never reaches a published file: Artifact Hub ids are UUIDs, owners need an email. */
function artifactHubOf(input: ArtifactHubRepoSettings | undefined): { artifactHub?: ArtifactHubRepoSettings } {
  if (!input) return {};
  const out: ArtifactHubRepoSettings = {};
  const id = input.repositoryId?.trim();
  if (id) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new BerthFailure('input.invalid', 'The Artifact Hub repository ID is the UUID Artifact Hub shows for the repository (like 0e9f3d2a-…).');
    out.repositoryId = id.toLowerCase();
  }
  const owners = (input.owners ?? []).filter((o) => o.email?.trim() || o.name?.trim());
  if (owners.length > 20) throw new BerthFailure('input.invalid', 'Name at most 20 Artifact Hub owners.');
  for (const o of owners)
    if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(o.email?.trim() ?? ''))
      throw new BerthFailure('input.invalid', `“${o.email ?? ''}” is not an email address; Artifact Hub matches owners by email.`);
  if (owners.length) out.owners = owners.map((o) => ({ ...(o.name?.trim() ? { name: o.name.trim().slice(0, 100) } : {}), email: o.email.trim() }));
  return Object.keys(out).length ? { artifactHub: out } : {};
}

export class DistributionSettingsStore {
  constructor(readonly dir: string) {}

  private get settingsFile() {
    return join(this.dir, 'settings.json');
  }

  private get secretsFile() {
    return join(this.dir, 'secrets.json');
  }

  read(): SettingsFile {
    const s = readJson<Partial<SettingsFile>>(this.settingsFile, {});
    return { targets: Array.isArray(s.targets) ? s.targets : [], signOnPublish: s.signOnPublish !== false };
  }

  private write(s: SettingsFile): void {
    writeFileAtomic(this.settingsFile, JSON.stringify(s, null, 2) + '\n');
  }

  secrets(): SecretsFile {
    const s = readJson<Partial<SecretsFile>>(this.secretsFile, {});
    return { registries: s.registries ?? {} };
  }

  private writeSecrets(s: SecretsFile): void {
    // keeps what else the file holds: S3 keys of an older Berth wait there until sync moves them (sync/s3-keys.ts)
    const before = readJson<Record<string, unknown>>(this.secretsFile, {});
    writeFileAtomic(this.secretsFile, JSON.stringify({ ...before, ...s }, null, 2) + '\n');
    chmodSync(this.secretsFile, 0o600);
  }

  setSignOnPublish(on: boolean): void {
    this.write({ ...this.read(), signOnPublish: on });
  }

  saveTarget(input: PublishTargetInput): PublishTarget {
    const t = input.target;
    if (!t.name?.trim()) throw new BerthFailure('input.invalid', 'Give the publishing target a name.');
    let target: PublishTarget;
    const id = t.id ?? `t-${randomBytes(4).toString('hex')}`;
    if (t.kind === 'helm-folder') {
      if (!t.folder?.trim()) throw new BerthFailure('input.invalid', 'Give the folder the Helm repository is written to.');
      if (t.baseUrl && !/^https?:\/\//.test(t.baseUrl)) throw new BerthFailure('input.invalid', 'The repository URL starts with http:// or https://.');
      target = {
        id,
        name: t.name.trim(),
        kind: 'helm-folder',
        folder: t.folder,
        ...(t.baseUrl ? { baseUrl: t.baseUrl } : {}),
        ...artifactHubOf(t.artifactHub),
      };
    } else if (t.kind === 'oci') {
      parseOciLocation(t.location);
      target = {
        id,
        name: t.name.trim(),
        kind: 'oci',
        location: t.location.trim(),
        ...(t.plainHttp ? { plainHttp: true } : {}),
        ...(t.username ? { username: t.username } : {}),
        ...artifactHubOf(t.artifactHub),
      };
    } else throw new BerthFailure('input.invalid', 'A publishing target is a Helm repository folder or an OCI registry.');
    const s = this.read();
    const others = s.targets.filter((x) => x.id !== id);
    if (others.some((x) => x.name === target.name)) throw new BerthFailure('catalog.duplicate', `A publishing target named “${target.name}” exists already.`);
    this.write({ ...s, targets: [...others, target] });
    if (input.password !== undefined || input.token !== undefined) {
      const secrets = this.secrets();
      secrets.registries[id] = { ...(input.password ? { password: input.password } : {}), ...(input.token ? { token: input.token } : {}) };
      this.writeSecrets(secrets);
    }
    return target;
  }

  removeTarget(ref: string): void {
    const s = this.read();
    const t = this.target(ref);
    this.write({ ...s, targets: s.targets.filter((x) => x.id !== t.id) });
    const secrets = this.secrets();
    delete secrets.registries[t.id];
    this.writeSecrets(secrets);
  }

  /**
   * The sign-in saved for a registry host (from the OCI publishing targets on it), for reading
   * image digests; undefined when none is saved (the registry is then asked anonymously).
   */
  registryAccess(registry: string): RegistryAccess | undefined {
    const secrets = this.secrets();
    for (const t of this.read().targets) {
      if (t.kind !== 'oci') continue;
      let host: string;
      try {
        host = parseOciLocation(t.location).registry;
      } catch {
        continue;
      }
      if (host !== registry) continue;
      const secret = secrets.registries[t.id] ?? {};
      const credentials = secret.token ? { token: secret.token } : t.username ? { username: t.username, password: secret.password ?? '' } : undefined;
      return { ...(credentials ? { credentials } : {}), ...(t.plainHttp ? { plainHttp: true } : {}) };
    }
    return undefined;
  }

  /** By id or name. */
  target(ref: string): PublishTarget {
    const t = this.read().targets.find((x) => x.id === ref || x.name === ref);
    if (!t) throw new BerthFailure('not-found', `There is no publishing target “${ref}”. Add it in Admin → Distribution, or with “berth publish add”.`);
    return t;
  }

  published(targetId: string): PublishedRecord {
    return readJson<PublishedRecord>(join(this.dir, 'published', `${targetId}.json`), { charts: {} });
  }

  savePublished(targetId: string, record: PublishedRecord): void {
    writeFileAtomic(join(this.dir, 'published', `${targetId}.json`), JSON.stringify(record, null, 2) + '\n');
  }
}
