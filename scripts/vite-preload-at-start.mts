/**
 * A Vite build plugin: index.html fetches the chunks the first screen needs beside the entry
 * (boot.ts, which asks the bridge for the first screen's data and then imports main.tsx),
 * instead of one after another as each runs and imports the next (docs/ui.md, "First screen at
 * scale"). For each module given (main.tsx, the store's page: the page a start opens) it adds a
 * modulepreload link for its chunk and the chunks that chunk imports, less those the entry
 * preloads already, and their CSS as stylesheets (Vite's loader finds them there and does not
 * add them again). Other pages stay chunks loaded on first visit. The entry's script is `async`:
 * a module script otherwise waits for the stylesheets before it (Mantine's 200 kB) to run.
 */
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

type Chunk = Rollup.OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

/** `modules`: how the paths of the modules to preload end (`/features/store/StorePage.tsx`). */
export function preloadAtStart(modules: readonly string[]): Plugin {
  return {
    name: 'berth:preload-at-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return undefined;
        const chunks = new Map<string, Chunk>();
        for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item);
        const preloaded = new Set<string>();
        for (const entry of [...chunks.values()].filter((c) => c.isEntry)) staticGraph(entry, chunks, preloaded);
        const wanted: string[] = [];
        for (const module of modules) {
          const chunk = [...chunks.values()].find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
          if (!chunk) throw new Error(`preloadAtStart: no chunk for ${module}`);
          for (const file of staticGraph(chunk, chunks, new Set())) {
            if (!preloaded.has(file)) wanted.push(file);
            preloaded.add(file);
          }
        }
        const css = wanted.flatMap((f) => [...(chunks.get(f)?.viteMetadata?.importedCss ?? [])]);
        const link = (rel: string, href: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel, crossorigin: true, href: `./${href}` }, injectTo: 'head' });
        const entry = /<script type="module" crossorigin src=/g;
        if (!entry.test(html)) throw new Error('preloadAtStart: no entry script in index.html');
        return {
          html: html.replace(entry, '<script type="module" async crossorigin src='),
          tags: [...wanted.map((f) => link('modulepreload', f)), ...css.map((f) => link('stylesheet', f))],
        };
      },
    },
  };
}

/** The chunk's file and the files of every chunk it imports statically, at any depth. */
function staticGraph(chunk: Chunk, chunks: Map<string, Chunk>, seen: Set<string>): Set<string> {
  if (seen.has(chunk.fileName)) return seen;
  seen.add(chunk.fileName);
  for (const file of chunk.imports) {
    const next = chunks.get(file);
    if (next) staticGraph(next, chunks, seen);
  }
  return seen;
}
