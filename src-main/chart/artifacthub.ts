/**
 * Artifact Hub's Chart.yaml annotations (https://artifacthub.io/docs/topics/annotations/helm/):
 * YAML documents inside annotation strings. Charts published to Artifact Hub already carry them,
 * so Berth reads them on upload instead of asking the ISV to type the same things again.
 *
 * An annotation is chart author input shown to reviewers and store users: every value is
 * size-limited, links must be http(s), and whatever does not fit is left out with a sentence in
 * `problems` — a malformed annotation never fails an upload (Artifact Hub itself only skips it).
 */
import { stringify } from 'yaml';
import type { ArtifactHubChange, ArtifactHubChangeKind, ArtifactHubCrd, ArtifactHubImage, ArtifactHubInfo, ArtifactHubLink } from '../../shared/types/chart';
import { BerthFailure } from '../../shared/result';
import { parseChartYaml } from './yaml-text';

export const ARTIFACT_HUB_PREFIX = 'artifacthub.io/';

/** Limits on what one annotation may contribute; generous for real charts, small enough for a page. */
const LIMITS = { annotationChars: 64 * 1024, items: 100, text: 2000, crdExamples: 20 } as const;

const KINDS: readonly ArtifactHubChangeKind[] = ['added', 'changed', 'deprecated', 'removed', 'fixed', 'security'];

type Problems = string[];

function parseAnnotation(annotations: Record<string, string>, key: string, problems: Problems): unknown {
  const text = annotations[ARTIFACT_HUB_PREFIX + key];
  if (text === undefined || text.trim() === '') return undefined;
  const name = ARTIFACT_HUB_PREFIX + key;
  if (text.length > LIMITS.annotationChars) {
    problems.push(`The annotation ${name} is longer than ${LIMITS.annotationChars / 1024} KiB; Berth left it out.`);
    return undefined;
  }
  try {
    return parseChartYaml(text, `Chart.yaml annotation ${name}`);
  } catch (e) {
    problems.push(e instanceof BerthFailure ? `${e.message}; Berth left it out.` : `The annotation ${name} is not valid YAML; Berth left it out.`);
    return undefined;
  }
}

function list(value: unknown, key: string, problems: Problems): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`The annotation ${ARTIFACT_HUB_PREFIX}${key} must be a YAML list; Berth left it out.`);
    return [];
  }
  if (value.length > LIMITS.items)
    problems.push(`The annotation ${ARTIFACT_HUB_PREFIX}${key} lists ${value.length} entries; Berth kept the first ${LIMITS.items}.`);
  return value.slice(0, LIMITS.items);
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' || c === '\t' ? c : '')).trim();
  return t ? t.slice(0, LIMITS.text) : undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Only http(s) URLs reach the screen: a `javascript:` or `file:` link in a chart is an attack, not a link. */
export function safeUrl(v: unknown): string | undefined {
  const s = text(v);
  if (!s || s.length > 2048) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function readLinks(items: unknown[], key: string, problems: Problems): ArtifactHubLink[] {
  const out: ArtifactHubLink[] = [];
  items.forEach((item, i) => {
    const r = record(item);
    const url = safeUrl(r?.url);
    const name = text(r?.name) ?? url;
    if (!url || !name) problems.push(`Entry ${i + 1} of ${ARTIFACT_HUB_PREFIX}${key} has no http(s) url; Berth left it out.`);
    else out.push({ name, url });
  });
  return out;
}

function readChanges(value: unknown, problems: Problems): ArtifactHubChange[] {
  const out: ArtifactHubChange[] = [];
  list(value, 'changes', problems).forEach((item, i) => {
    // Artifact Hub accepts plain strings (kind "changed") as well as {kind, description, links}
    const plain = text(item);
    if (plain !== undefined) return void out.push({ kind: 'changed', description: plain, links: [] });
    const r = record(item);
    const description = text(r?.description);
    const kind = text(r?.kind)?.toLowerCase() as ArtifactHubChangeKind | undefined;
    if (!r || !description) return void problems.push(`Change ${i + 1} of ${ARTIFACT_HUB_PREFIX}changes has no description; Berth left it out.`);
    if (kind && !KINDS.includes(kind))
      problems.push(`Change ${i + 1} of ${ARTIFACT_HUB_PREFIX}changes has the unknown kind "${kind}"; Berth shows it as "changed".`);
    out.push({
      kind: kind && KINDS.includes(kind) ? kind : 'changed',
      description,
      links: readLinks(list(r.links, 'changes links', problems), 'changes links', problems),
    });
  });
  return out;
}

function readImages(value: unknown, problems: Problems): ArtifactHubImage[] {
  const out: ArtifactHubImage[] = [];
  list(value, 'images', problems).forEach((item, i) => {
    const r = record(item);
    const image = text(r?.image);
    // an image reference never holds whitespace; anything else is not one
    if (!image || /\s/.test(image) || image.length > 512)
      return void problems.push(`Entry ${i + 1} of ${ARTIFACT_HUB_PREFIX}images has no valid image reference; Berth left it out.`);
    out.push({ name: text(r?.name) ?? image, image, whitelisted: r?.whitelisted === true || r?.whitelisted === 'true' });
  });
  return out;
}

function readScreenshots(value: unknown, problems: Problems): ArtifactHubInfo['screenshots'] {
  return readLinks(
    list(value, 'screenshots', problems).map((s) => ({ name: record(s)?.title, url: record(s)?.url })),
    'screenshots',
    problems,
  ).map((l) => ({ title: l.name, url: l.url }));
}

function readCrds(value: unknown, problems: Problems): ArtifactHubCrd[] {
  const out: ArtifactHubCrd[] = [];
  list(value, 'crds', problems).forEach((item, i) => {
    const r = record(item);
    const kind = text(r?.kind);
    const version = text(r?.version);
    const name = text(r?.name);
    if (!kind || !version || !name) return void problems.push(`Entry ${i + 1} of ${ARTIFACT_HUB_PREFIX}crds needs kind, version and name; Berth left it out.`);
    const crd: ArtifactHubCrd = { kind, version, name };
    const displayName = text(r?.displayName);
    const description = text(r?.description);
    if (displayName) crd.displayName = displayName;
    if (description) crd.description = description;
    out.push(crd);
  });
  return out;
}

function flag(annotations: Record<string, string>, key: string, problems: Problems): boolean {
  const v = annotations[ARTIFACT_HUB_PREFIX + key]?.trim();
  if (v === undefined || v === '') return false;
  if (v === 'true' || v === 'false') return v === 'true';
  problems.push(`The annotation ${ARTIFACT_HUB_PREFIX}${key} must be "true" or "false", not "${v.slice(0, 40)}"; Berth reads it as false.`);
  return false;
}

/** Reads the Artifact Hub annotations of a chart's Chart.yaml. Never throws: what is unusable lands in `problems`. */
export function readArtifactHub(annotations: Record<string, string>): ArtifactHubInfo {
  const problems: Problems = [];
  const info: ArtifactHubInfo = {
    present: Object.keys(annotations).some((k) => k.startsWith(ARTIFACT_HUB_PREFIX)),
    changes: readChanges(parseAnnotation(annotations, 'changes', problems), problems),
    images: readImages(parseAnnotation(annotations, 'images', problems), problems),
    links: readLinks(list(parseAnnotation(annotations, 'links', problems), 'links', problems), 'links', problems),
    prerelease: flag(annotations, 'prerelease', problems),
    containsSecurityUpdates: flag(annotations, 'containsSecurityUpdates', problems),
    screenshots: readScreenshots(parseAnnotation(annotations, 'screenshots', problems), problems),
    crds: readCrds(parseAnnotation(annotations, 'crds', problems), problems),
    crdsExamples: list(parseAnnotation(annotations, 'crdsExamples', problems), 'crdsExamples', problems)
      .slice(0, LIMITS.crdExamples)
      .filter((x) => record(x))
      .map((x) => stringify(x)),
    problems,
  };
  const license = text(annotations[ARTIFACT_HUB_PREFIX + 'license']);
  // SPDX identifiers and expressions: letters, digits, `.-+`, spaces and parentheses
  if (license && /^[A-Za-z0-9.+\-() ]{1,100}$/.test(license)) info.license = license;
  else if (license) problems.push(`The annotation ${ARTIFACT_HUB_PREFIX}license is not an SPDX identifier; Berth left it out.`);
  return info;
}

const KIND_WORD: Record<ArtifactHubChangeKind, string> = {
  added: 'Added',
  changed: 'Changed',
  deprecated: 'Deprecated',
  removed: 'Removed',
  fixed: 'Fixed',
  security: 'Security',
};

/** Escapes what Markdown would read as markup, so a change description stays plain text in the changelog. */
function mdText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/**
 * The changelog an ISV starts from: one Markdown line per `artifacthub.io/changes` entry, kind
 * first, links after; whole lines only, up to `maxChars` (the catalog's changelog limit).
 */
export function changelogFromChanges(changes: readonly ArtifactHubChange[], maxChars = Infinity): string {
  const lines: string[] = [];
  let length = 0;
  for (const c of changes) {
    const links = c.links.map((l) => `[${mdText(l.name)}](<${l.url}>)`).join(', ');
    const line = `- **${KIND_WORD[c.kind]}**: ${mdText(c.description)}${links ? ` (${links})` : ''}`;
    if (length + line.length + 1 > maxChars) break;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}
