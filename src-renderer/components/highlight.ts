// Only the languages chart files need, to keep the bundle small.
import hljs from 'highlight.js/lib/core';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import yaml from 'highlight.js/lib/languages/yaml';

hljs.registerLanguage('yaml', yaml);
hljs.registerLanguage('json', json);
hljs.registerLanguage('markdown', markdown);
hljs.registerLanguage('plaintext', plaintext);

export function languageFor(path: string): 'yaml' | 'json' | 'markdown' | 'plaintext' {
  const lower = path.toLowerCase();
  if (/\.(ya?ml|tpl)$/.test(lower) || lower.endsWith('/notes.txt')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

/** Highlighted HTML, one string per line so lines can be numbered and diffed. hljs escapes the text. */
export function highlightLines(code: string, language: string): string[] {
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  // re-open spans that cross line breaks so every line is well-formed on its own
  const lines: string[] = [];
  let open: string[] = [];
  for (const line of html.split('\n')) {
    const prefix = open.join('');
    const tags = line.match(/<span[^>]*>|<\/span>/g) ?? [];
    for (const tag of tags) {
      if (tag === '</span>') open.pop();
      else open.push(tag);
    }
    lines.push(prefix + line + '</span>'.repeat(open.length));
    open = [...open];
  }
  return lines;
}
