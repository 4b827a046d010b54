import DOMPurify from 'dompurify';
import { marked } from 'marked';

export interface RenderedMarkdown {
  html: string;
  /** Images that point outside Berth; they are not loaded (Berth works offline and loads nothing remote). */
  blockedImages: number;
}

let blocked = 0;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (/^https?:/i.test(href)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (!/^mailto:/i.test(href)) {
      // a relative link (docs/x.md, #usage) points into the chart, not at Berth: followed, it
      // would take the tab away from Berth (and, in browser mode, drop the token in the fragment)
      node.removeAttribute('href');
      if (href) node.setAttribute('title', href);
    }
  }
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    if (!/^(data:image\/(png|jpeg|gif|webp);|blob:)/i.test(src)) {
      blocked++;
      const alt = node.getAttribute('alt');
      const placeholder = node.ownerDocument.createElement('span');
      placeholder.className = 'berth-blocked-image';
      placeholder.textContent = alt || src.replace(/^https?:\/\//, '').slice(0, 60);
      placeholder.setAttribute('title', src);
      node.replaceWith(placeholder);
    }
  }
});

/** Markdown → sanitized HTML: no scripts, styles, forms or frames, and no remote images. */
export function renderMarkdown(source: string): RenderedMarkdown {
  const raw = marked.parse(source, { async: false, gfm: true, breaks: false });
  blocked = 0;
  const html = DOMPurify.sanitize(raw, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset'],
  });
  return { html, blockedImages: blocked };
}
