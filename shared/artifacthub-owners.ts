/** Artifact Hub owners as people type them — "Name <email>" or a bare email — for the target dialog and `berth publish add`. */
export function parseOwners(items: readonly string[]): { name?: string; email: string }[] {
  return items
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      const m = /^(.*?)\s*<([^>]+)>$/.exec(o);
      return m ? { name: m[1], email: m[2] } : { email: o };
    });
}
