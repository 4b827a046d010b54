/**
 * What a values.yaml says about its keys in comments, in the three conventions charts use:
 * - Bitnami's readme-generator: `## @section Title`, `## @param path [modifiers] description`,
 *   `## @skip path` anywhere in the file (github.com/bitnami/readme-generator-for-helm);
 * - helm-docs: `# -- description` right above the key, `# @section -- Title`
 *   (github.com/norwoodj/helm-docs);
 * - a plain comment block right above the key.
 */
import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { FieldKind } from '../../shared/types/values';
import { parsePathText, pathText } from './paths';

export interface ValueDoc {
  description?: string;
  section?: string;
  /** `@skip`: the chart's docs leave it out on purpose. */
  skip?: boolean;
  /** From Bitnami modifiers (`[string, nullable]`) or helm-docs `(type)`. */
  kind?: FieldKind;
  nullable?: boolean;
}

export interface ValuesDocs {
  /** Keyed by path text (`image.pullPolicy`). */
  byPath: Map<string, ValueDoc>;
  sections: string[];
}

const BITNAMI = /^\s*##\s*@(param|skip|extra|section)\s+(.*)$/;
const HELM_DOCS = /^\s*#\s--\s?(.*)$/;
const KIND_WORDS: Record<string, FieldKind> = {
  string: 'string',
  array: 'array',
  list: 'array',
  object: 'object',
  map: 'map',
  dict: 'map',
  int: 'integer',
  integer: 'integer',
  number: 'number',
  float: 'number',
  bool: 'boolean',
  boolean: 'boolean',
  tpl: 'string',
};

function normalizePath(text: string): string {
  return pathText(parsePathText(text));
}

/** `[default: X, nullable] description` → modifiers and the rest. */
function bitnamiModifiers(rest: string): { doc: ValueDoc; text: string } {
  const doc: ValueDoc = {};
  const m = /^\[([^\]]*)\]\s*(.*)$/.exec(rest);
  if (!m) return { doc, text: rest };
  for (const raw of m[1].split(',')) {
    const mod = raw.trim().toLowerCase();
    if (mod === 'nullable') doc.nullable = true;
    else if (KIND_WORDS[mod]) doc.kind = KIND_WORDS[mod];
  }
  return { doc, text: m[2] };
}

function collectBitnami(lines: string[], docs: ValuesDocs): void {
  let section: string | undefined;
  for (const line of lines) {
    const m = BITNAMI.exec(line);
    if (!m) continue;
    const [, tag, rest] = m;
    if (tag === 'section') {
      section = rest.trim();
      if (section && !docs.sections.includes(section)) docs.sections.push(section);
      continue;
    }
    const sp = rest.search(/\s/);
    const path = normalizePath(sp < 0 ? rest : rest.slice(0, sp));
    const after = sp < 0 ? '' : rest.slice(sp).trim();
    const { doc, text } = bitnamiModifiers(after);
    if (text) doc.description = text;
    if (section) doc.section = section;
    if (tag === 'skip') doc.skip = true;
    docs.byPath.set(path, { ...docs.byPath.get(path), ...doc });
  }
}

/** The comment lines directly above `lineIndex`, nearest last; a blank line ends the block. */
function commentBlockAbove(lines: string[], lineIndex: number): string[] {
  const block: string[] = [];
  for (let i = lineIndex - 1; i >= 0; i--) {
    const t = lines[i].trim();
    if (!t.startsWith('#')) break;
    block.unshift(t);
  }
  return block;
}

const LOOKS_LIKE_YAML = /^(-\s|[\w"'./-]+:(\s|$))/;

function describeBlock(block: string[], key: string): ValueDoc {
  const doc: ValueDoc = {};
  const start = block.findIndex((l) => HELM_DOCS.test(l));
  if (start >= 0) {
    const parts: string[] = [];
    const first = HELM_DOCS.exec(block[start])![1];
    const typed = /^\(([\w/]+)\)\s*(.*)$/.exec(first);
    if (typed && KIND_WORDS[typed[1].toLowerCase()]) doc.kind = KIND_WORDS[typed[1].toLowerCase()];
    parts.push(typed ? typed[2] : first);
    for (const l of block.slice(start + 1)) {
      const text = l.replace(/^#+\s?/, '');
      const section = /^@section\s+--\s*(.+)$/.exec(text.trim());
      if (section) doc.section = section[1].trim();
      if (text.trim().startsWith('@')) continue;
      parts.push(text.trim());
    }
    doc.description = parts.filter(Boolean).join(' ').trim() || undefined;
    return doc;
  }
  // `# otherKey: value` right above a key is commented-out configuration; the words above it
  // describe that, not this key. (An example of this very key, `# key: …`, is fine.)
  const trailing: string[] = [];
  for (const l of [...block].reverse()) {
    const t = l.replace(/^#+\s*/, '');
    if (t === '') continue;
    if (!/^#[^#]/.test(l) || !LOOKS_LIKE_YAML.test(t)) break;
    trailing.push(t);
  }
  if (trailing.length > 0 && !trailing.some((t) => t.replace(/^-\s*/, '').startsWith(`${key}:`))) return doc;
  const text = block
    .map((l) => l.replace(/^#+\s?/, '').trim())
    .filter((t) => t && !t.startsWith('@') && !/^(ref|refs|see):?\s/i.test(t) && !/^https?:\/\//.test(t) && !LOOKS_LIKE_YAML.test(t));
  if (text.length > 0) doc.description = text.join(' ');
  return doc;
}

/** Line index (0-based) of each offset, by binary search over line starts. */
function lineIndexer(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

export function readValuesDocs(valuesYaml: string): ValuesDocs {
  const docs: ValuesDocs = { byPath: new Map(), sections: [] };
  const lines = valuesYaml.split(/\r?\n/);
  collectBitnami(lines, docs);
  const doc = parseDocument(valuesYaml, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length > 0) return docs;
  const lineOf = lineIndexer(valuesYaml);

  const walk = (node: YamlNode | null | undefined, prefix: string[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const path = [...prefix, String(pair.key.value)];
      const key = pathText(path);
      const fromComments = describeBlock(commentBlockAbove(lines, lineOf(pair.key.range[0])), String(pair.key.value));
      const bitnami = docs.byPath.get(key);
      const merged: ValueDoc = { ...fromComments, ...bitnami };
      if (!merged.description && fromComments.description) merged.description = fromComments.description;
      if (Object.keys(merged).length > 0) docs.byPath.set(key, merged);
      walk(pair.value as YamlNode | null, path);
    }
  };
  walk(doc.contents as YamlNode | null, []);
  for (const d of docs.byPath.values()) if (d.section && !docs.sections.includes(d.section)) docs.sections.push(d.section);
  return docs;
}
