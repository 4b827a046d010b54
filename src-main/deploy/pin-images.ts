/**
 * Deploying the approved digests: every `image:` of the rendered manifests whose reference was
 * locked at approval is rewritten to `<reference>@sha256:…`, so the kubelet pulls exactly what
 * the reviewer approved even when the tag has moved since. The tag stays in the reference for
 * people reading it; a runtime pulls by the digest.
 */
import type { ChartRenderer } from './render-release';

const IMAGE_LINE = /^(\s*(?:-\s+)?image:\s*)(["']?)([^"'\s#]+)\2(\s*(?:#.*)?)$/gm;

/** Rewrites the image references `pins` names (image → `sha256:…` digest) in rendered manifest text. */
export function pinImageRefs(text: string, pins: Record<string, string>): string {
  return text.replace(IMAGE_LINE, (line, head: string, quote: string, image: string, tail: string) => {
    const digest = pins[image];
    if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest) || image.includes('@')) return line;
    return `${head}${quote}${image}@${digest}${quote}${tail}`;
  });
}

/** A renderer whose files have the pinned images rewritten. */
export function pinningRenderer(renderer: ChartRenderer, pins: Record<string, string> | undefined): ChartRenderer {
  if (!pins || Object.keys(pins).length === 0) return renderer;
  return async (request) => {
    const out = await renderer(request);
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(out.files)) files[path] = pinImageRefs(text, pins);
    return { ...out, files };
  };
}
