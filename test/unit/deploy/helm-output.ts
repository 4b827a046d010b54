/** Reads `helm template` output back into engine.Render's shape: template path → text. */
export function parseTemplateOutput(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of out.split(/^---\n(?=# Source: )/m)) {
    const m = /^# Source: (.+)\n/.exec(block);
    if (!m) continue;
    const body = block.slice(m[0].length).replace(/\n$/, '');
    files[m[1]] = files[m[1]] ? `${files[m[1]]}\n---\n${body}` : body;
  }
  return files;
}
