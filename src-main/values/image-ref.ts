/** Container image references (`registry/repository:tag@digest`), as charts split them into values. */
export interface ImageRef {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Docker's rule: the first part is a registry if it has a dot or a port, or is `localhost`. */
export function parseImageRef(ref: string): ImageRef | undefined {
  const text = ref.trim();
  if (!text || /\s/.test(text)) return undefined;
  const [nameTag, digest] = text.split('@', 2);
  const slash = nameTag.indexOf('/');
  const first = slash >= 0 ? nameTag.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const rest = hasRegistry ? nameTag.slice(slash + 1) : nameTag;
  const colon = rest.lastIndexOf(':');
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  if (!repository) return undefined;
  const out: ImageRef = { repository };
  if (hasRegistry) out.registry = first;
  if (colon >= 0 && rest.slice(colon + 1)) out.tag = rest.slice(colon + 1);
  if (digest) out.digest = digest;
  return out;
}
