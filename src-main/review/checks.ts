/**
 * The checks a reviewer wants at a glance, each with a stable id and one plain sentence:
 * README, values.schema.json, icon, NOTES.txt, CRDs, images with real tags, resources set,
 * Kubernetes APIs deprecated or removed in a target version, and every object against that
 * version's API schema and the chart's CRDs (from the default render).
 */
import { parseAllDocuments } from 'yaml';
import type { Sentence } from '../../shared/result';
import type { ChartReview, RenderResult, ReviewCheck, ReviewCheckFinding } from '../../shared/types/chart';
import type { ChartArchive } from '../chart/archive';
import { apiStatusIn, DEFAULT_REVIEW_KUBE_VERSION, findApiChange } from '../chart/kube-apis';
import type { ChartMetadata } from '../chart/metadata';
import { decodeText } from '../chart/archive';
import { validateManifests, type SchemaFinding } from './schema-validate';

export { DEFAULT_REVIEW_KUBE_VERSION };

const README = ['readme.md', 'readme.txt', 'readme'];

/** A check's English sentence and the key (under the UI's `sentences.`) that says it in the reader's language. */
type Said = [message: string, key: string, values?: Sentence['values']];

function check(id: ReviewCheck['id'], status: ReviewCheck['status'], [message, key, values]: Said, findings: ReviewCheckFinding[] = []): ReviewCheck {
  return { id, status, message, say: values ? { key, values } : { key }, findings };
}

function finding(where: { file?: string; object?: string }, [message, key, values]: Said): ReviewCheckFinding {
  return { ...where, message, say: values ? { key, values } : { key } };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function fileChecks(archive: ChartArchive, md: ChartMetadata): ReviewCheck[] {
  const has = (p: string) => archive.files.some((f) => f.path === p);
  const readme = archive.files.find((f) => README.includes(f.path.toLowerCase()));
  const crds = archive.files.filter((f) => f.path.startsWith('crds/'));
  return [
    readme
      ? check('chart.readme', 'pass', [`The chart has a README (${readme.path}).`, 'check.readmeFound', { path: readme.path }])
      : check('chart.readme', 'warn', ['The chart has no README; reviewers and store users will see no documentation.', 'check.readmeMissing']),
    has('values.schema.json')
      ? check('chart.values-schema', 'pass', ['The chart validates its values with values.schema.json.', 'check.schemaFound'])
      : check('chart.values-schema', 'warn', [
          'The chart has no values.schema.json, so wrong values are only caught when Kubernetes refuses them.',
          'check.schemaMissing',
        ]),
    md.icon
      ? check('chart.icon', 'pass', [`The chart sets an icon (${md.icon}).`, 'check.iconSet', { icon: md.icon }])
      : check('chart.icon', 'warn', ['Chart.yaml sets no icon.', 'check.iconMissing']),
    has('templates/NOTES.txt')
      ? check('chart.notes', 'pass', ['The chart prints usage notes after install (templates/NOTES.txt).', 'check.notesFound'])
      : check('chart.notes', 'warn', ['The chart has no templates/NOTES.txt to tell users what to do after installing.', 'check.notesMissing']),
    crds.length > 0
      ? check(
          'chart.crds',
          'info',
          [
            `The chart ships ${plural(crds.length, 'CRD file')} in crds/; Helm installs them once and never upgrades or deletes them.`,
            'check.crdsShipped',
            { count: crds.length },
          ],
          crds.map((f) => finding({ file: f.path }, ['custom resource definition', 'check.crdFile'])),
        )
      : check('chart.crds', 'info', ['The chart ships no CRDs in crds/.', 'check.crdsNone']),
  ];
}

const NO_CONTAINERS: Said = ['The default render runs no containers.', 'check.noContainers'];

type KubeObject = Record<string, unknown> & { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
interface RenderedObject {
  source: string;
  object: KubeObject;
}

function objectsOf(render: RenderResult): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const m of render.manifests) {
    for (const doc of parseAllDocuments(m.content)) {
      const o = doc.toJS({ maxAliasCount: 1000 }) as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) out.push({ source: m.source, object: o as KubeObject });
    }
  }
  return out;
}

function label(o: KubeObject): string {
  return `${String(o.kind ?? '?')}/${String(o.metadata?.name ?? '?')}`;
}

interface Container {
  name: string;
  image?: string;
  resources?: { requests?: unknown; limits?: unknown };
}

/** Every container and init container anywhere in the object (pods, workloads, CronJobs, operator CRs). */
function containersOf(value: unknown, out: Container[] = []): Container[] {
  if (Array.isArray(value)) {
    for (const v of value) containersOf(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') && Array.isArray(v)) {
        for (const c of v) if (c && typeof c === 'object' && typeof (c as Container).image === 'string') out.push(c as Container);
      } else containersOf(v, out);
    }
  }
  return out;
}

/** `repo[:tag][@digest]` → its tag (undefined when absent). */
export function imageTag(image: string): { tag?: string; digest?: string } {
  const [name, digest] = image.split('@', 2);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  return { tag: colon >= 0 ? name.slice(colon + 1) : undefined, digest };
}

function imageChecks(objects: RenderedObject[]): { checks: ReviewCheck[]; images: string[] } {
  const images = new Set<string>();
  const untagged: ReviewCheckFinding[] = [];
  const unbounded: ReviewCheckFinding[] = [];
  let containers = 0;
  for (const { source, object } of objects) {
    for (const c of containersOf(object)) {
      containers++;
      const image = c.image ?? '';
      images.add(image);
      const { tag, digest } = imageTag(image);
      const where = { file: source, object: label(object) };
      if (!digest && (!tag || tag === 'latest')) {
        const values = { container: c.name, image };
        untagged.push(
          finding(
            where,
            tag
              ? [`container “${c.name}” uses ${image}, which can change under a running release`, 'check.imageLatest', values]
              : [`container “${c.name}” uses ${image} without a tag, which can change under a running release`, 'check.imageUntagged', values],
          ),
        );
      }
      const missing = [c.resources?.requests ? '' : 'requests', c.resources?.limits ? '' : 'limits'].filter(Boolean);
      if (missing.length > 0) {
        const key = missing.length === 2 ? 'check.containerNoResources' : missing[0] === 'requests' ? 'check.containerNoRequests' : 'check.containerNoLimits';
        unbounded.push(finding(where, [`container “${c.name}” sets no resource ${missing.join(' or ')}`, key, { container: c.name }]));
      }
    }
  }
  const list = [...images].sort();
  return {
    images: list,
    checks: [
      untagged.length === 0
        ? check(
            'images.tagged',
            containers === 0 ? 'info' : 'pass',
            containers === 0
              ? NO_CONTAINERS
              : [
                  list.length === 1 ? 'The chart’s 1 image has a fixed tag or digest.' : `All ${list.length} images have a fixed tag or digest.`,
                  'check.imagesTagged',
                  { count: list.length },
                ],
          )
        : check(
            'images.tagged',
            'warn',
            [
              `${plural(untagged.length, 'container')} ${untagged.length === 1 ? 'uses' : 'use'} an image without a fixed tag (none or “latest”).`,
              'check.imagesUntagged',
              { count: untagged.length },
            ],
            untagged,
          ),
      unbounded.length === 0
        ? check(
            'resources.set',
            containers === 0 ? 'info' : 'pass',
            containers === 0 ? NO_CONTAINERS : ['Every container sets resource requests and limits.', 'check.resourcesSet'],
          )
        : check(
            'resources.set',
            'warn',
            [
              `${plural(unbounded.length, 'container')} of ${containers} ${unbounded.length === 1 ? 'sets' : 'set'} no resource requests or limits by default.`,
              'check.resourcesUnset',
              { count: unbounded.length, total: containers },
            ],
            unbounded,
          ),
    ],
  };
}

function apiChecks(objects: RenderedObject[], kubeVersion: string): ReviewCheck[] {
  const removed: ReviewCheckFinding[] = [];
  const deprecated: ReviewCheckFinding[] = [];
  for (const { source, object } of objects) {
    const change = findApiChange(String(object.apiVersion ?? ''), String(object.kind ?? ''));
    if (!change) continue;
    const instead = change.replacement ? `use ${change.replacement}` : 'the kind itself is gone';
    // the key's `Gone` suffix: no replacement kind exists
    const gone = change.replacement ? '' : 'Gone';
    const values = { api: change.apiVersion, kind: change.kind, removedIn: change.removedIn ?? '', replacement: change.replacement ?? '' };
    const where = { file: source, object: label(object) };
    const status = apiStatusIn(change, kubeVersion);
    if (status === 'removed')
      removed.push(
        finding(where, [
          `${change.apiVersion} ${change.kind} is no longer served since Kubernetes ${change.removedIn}; ${instead}`,
          `check.apiRemoved${gone}`,
          values,
        ]),
      );
    else if (status === 'deprecated') {
      const english = `${change.apiVersion} ${change.kind} is deprecated${change.removedIn ? ` and removed in Kubernetes ${change.removedIn}` : ''}; ${instead}`;
      deprecated.push(finding(where, [english, `check.apiDeprecated${change.removedIn ? 'RemovedIn' : ''}${gone}`, values]));
    }
  }
  return [
    removed.length === 0
      ? check('api.removed', 'pass', [`Every API the chart uses is served by Kubernetes ${kubeVersion}.`, 'check.apisServed', { kube: kubeVersion }])
      : check(
          'api.removed',
          'fail',
          [
            `${plural(removed.length, 'object')} ${removed.length === 1 ? 'uses' : 'use'} APIs Kubernetes ${kubeVersion} no longer serves; the install will fail there.`,
            'check.apisRemoved',
            { count: removed.length, kube: kubeVersion },
          ],
          removed,
        ),
    deprecated.length === 0
      ? check('api.deprecated', 'pass', [`The chart uses no API deprecated in Kubernetes ${kubeVersion}.`, 'check.apisNotDeprecated', { kube: kubeVersion }])
      : check(
          'api.deprecated',
          'warn',
          [
            `${plural(deprecated.length, 'object')} ${deprecated.length === 1 ? 'uses' : 'use'} APIs deprecated in Kubernetes ${kubeVersion}.`,
            'check.apisDeprecated',
            { count: deprecated.length, kube: kubeVersion },
          ],
          deprecated,
        ),
  ];
}

/** Checks on the default render; when it fails, the render check says why and the rest are skipped. */
export function renderedChecks(render: RenderResult | Error, kubeVersion: string): { checks: ReviewCheck[]; images: string[] } {
  if (render instanceof Error) {
    // Helm's error stays in Helm's words inside the translated sentence
    const error = render.message.split('\n')[0];
    return {
      images: [],
      checks: [check('render.defaults', 'fail', [`The chart does not render with its default values: ${error}`, 'check.renderFailed', { error }])],
    };
  }
  const objects = objectsOf(render);
  const images = imageChecks(objects);
  return {
    images: images.images,
    checks: [
      check('render.defaults', 'pass', [
        `The chart renders with its default values (${plural(objects.length, 'object')}).`,
        'check.rendered',
        { count: objects.length },
      ]),
      ...images.checks,
      ...apiChecks(objects, kubeVersion),
    ],
  };
}

/**
 * `schema.valid`: every rendered object against the API schema of the target version and the
 * chart's CRDs. Objects whose API the removed-API check already names are left to it.
 */
export function schemaCheck(archive: ChartArchive, render: RenderResult, kubeVersion: string): ReviewCheck {
  const crds = archive.files.filter((f) => /(^|\/)crds\/[^/]+\.(ya?ml|json)$/.test(f.path)).map((f) => ({ file: f.path, content: decodeText(f) }));
  let findings: SchemaFinding[];
  try {
    findings = validateManifests(
      render.manifests.map((m) => ({ file: m.source, content: m.content })),
      crds,
      { kubeVersion },
    );
  } catch {
    // a Berth built without dist/kube-schemas (the schemas are a build output)
    return check('schema.valid', 'info', [
      'The Kubernetes API schemas are not installed with this Berth, so manifests were not validated.',
      'check.schemaUnavailable',
    ]);
  }
  findings = findings.filter((f) => !(f.id === 'schema.api-not-served' && findApiChange(f.apiVersion, f.kind)));
  const objects = render.manifests.length;
  const kube = findings[0]?.kubeVersion ?? kubeVersion;
  const said = findings.map((f) => {
    const text = `${f.path && !f.message.startsWith(f.path) ? `${f.path}: ` : ''}${f.message} [${f.id}]`;
    return finding({ file: f.file, object: f.object }, [text, 'check.schemaFinding', { text }]);
  });
  const invalid = new Set(findings.filter((f) => f.id !== 'schema.unknown-kind').map((f) => `${f.file}\0${f.object}`)).size;
  const unknown = findings.filter((f) => f.id === 'schema.unknown-kind').length;
  if (invalid > 0) {
    return check(
      'schema.valid',
      'fail',
      [
        `${plural(invalid, 'object')} ${invalid === 1 ? 'does' : 'do'} not match the Kubernetes ${kube} API schema; the API server will refuse ${invalid === 1 ? 'it' : 'them'}.`,
        'check.schemaInvalid',
        { count: invalid, kube },
      ],
      said,
    );
  }
  if (unknown > 0) {
    return check(
      'schema.valid',
      'warn',
      [
        `${plural(unknown, 'object')} ${unknown === 1 ? 'has a kind' : 'have kinds'} that neither Kubernetes ${kube} nor the chart’s CRDs define, so ${unknown === 1 ? 'it' : 'they'} cannot be validated.`,
        'check.schemaUnknownKinds',
        { count: unknown, kube },
      ],
      said,
    );
  }
  return check('schema.valid', 'pass', [
    objects === 1
      ? `The object the chart renders matches the Kubernetes ${kube} API schema.`
      : `All ${objects} objects the chart renders match the Kubernetes ${kube} API schema.`,
    'check.schemaValid',
    { count: objects, kube },
  ]);
}

export function reviewFrom(archive: ChartArchive, md: ChartMetadata, render: RenderResult | Error, kubeVersion = DEFAULT_REVIEW_KUBE_VERSION): ChartReview {
  const rendered = renderedChecks(render, kubeVersion);
  const schema = render instanceof Error ? [] : [schemaCheck(archive, render, kubeVersion)];
  return { kubeVersion, checks: [...fileChecks(archive, md), ...rendered.checks, ...schema], images: rendered.images };
}
