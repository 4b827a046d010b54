/**
 * Checks that a page speaks one language: in 简体中文 no English sentence outside what is not
 * Berth's to translate (a chart's or a person's own words, names, keys, file contents, Helm's
 * and Kubernetes' marked messages) and no ASCII punctuation standing in for Chinese; in English
 * no full-width punctuation inside Latin text, and no Chinese that is not marked `lang="zh…"`.
 * A page can be read once, or watched: every screen, dialog, toast and tooltip it shows is then
 * read as it appears.
 */
import type { Page } from 'playwright-core';

export type WalkLanguage = 'en' | 'zh-CN';

/**
 * What Berth does not translate: code and file views, Markdown (README, introduction,
 * changelog), form fields, Helm's and Kubernetes' own messages (`lang="en"`), and anything
 * marked as the chart's or a person's words.
 */
const SKIP = ['code', 'pre', 'textarea', 'input', 'select', 'svg', '.berth-code', '[data-content="user"]', '[lang="en"]', '[aria-hidden="true"]'].join(',');

type Kind = 'english' | 'ascii' | 'fullWidth' | 'chinese';

interface Problem {
  kind: Kind;
  text: string;
  /** The route and the open dialog's title, if any, where the text was seen. */
  where: string;
}

interface Reading {
  language: WalkLanguage;
  /** Words the test names as the chart's or a person's own (an app description, a display name). */
  own: readonly string[];
  skip: string;
  /** `once`: read now; `watch`: read now and after every change, keeping what was found; `seen`: what the watch found (null without a watch). */
  mode: 'once' | 'watch' | 'seen';
}

/**
 * Runs in the page (self-contained: Playwright sends its source). Reads the visible text nodes
 * outside `skip` and returns those that break the language's rules.
 */
function readInPage(r: Reading): Problem[] | null {
  const w = window as unknown as { berthLanguageSeen?: Map<string, Problem>; berthLanguageWatched?: boolean };
  if (r.mode === 'seen') return w.berthLanguageSeen ? [...w.berthLanguageSeen.values()] : null;
  // three or more Latin words in a row: a sentence, not a name, key or version
  const latinSentence = /[A-Za-z][A-Za-z’']+(?:[ ,]+[A-Za-z][A-Za-z’']*){2,}/;
  // ASCII punctuation written as Chinese punctuation's stand-in: “已同步. 点击”, “目录,应用”
  const asciiInChinese = /[\u3400-\u9FFF][.,;:!?](?=\s|[\u3400-\u9FFF]|$)|[,;:!?]\s*[\u3400-\u9FFF]/;
  const fullWidth = /[\uFF01-\uFF0F\uFF1A-\uFF20\u3001\u3002\u300C-\u300F]/;
  const cjk = /[\u3400-\u9FFF]/;
  const read = (): Problem[] => {
    const dialog = document.querySelector('[role="dialog"] h2, [role="dialog"] [class*="title"]')?.textContent?.trim();
    const where = `${location.hash.replace(/#?token=[^&]*&?/, '') || '#/'}${dialog ? ` (dialog “${dialog}”)` : ''}`;
    const out: Problem[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT : (n as Element).matches(r.skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP,
    });
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    // the words a reader sees or hears beside the text: placeholders, tooltips, accessible names
    const said: { raw: string; el: Element }[] = [];
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (el.parentElement?.closest(r.skip) || !shown(el)) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = el.getAttribute(name)?.trim();
        if (value) said.push({ raw: `[${name}] ${value}`, el });
      }
    }
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const raw = n.textContent?.trim();
      if (raw && n.parentElement && shown(n.parentElement)) said.push({ raw, el: n.parentElement });
    }
    for (const { raw, el } of said) {
      const text = raw.replace(/\s+/g, ' ');
      let rest = text;
      for (const o of r.own) rest = rest.split(o).join(' ');
      if (r.language === 'zh-CN') {
        if (latinSentence.test(rest)) out.push({ kind: 'english', text, where });
        if (asciiInChinese.test(rest)) out.push({ kind: 'ascii', text, where });
      } else if (cjk.test(text)) {
        // Chinese in an English page only where it is marked so (the language menu's 简体中文)
        if (!el.closest('[lang^="zh"]')) out.push({ kind: 'chinese', text, where });
      } else if (/[A-Za-z]{2,}/.test(text) && fullWidth.test(text)) out.push({ kind: 'fullWidth', text, where });
    }
    return out;
  };
  if (r.mode === 'once') return read();
  const seen = (w.berthLanguageSeen ??= new Map());
  const keep = () => {
    for (const p of read()) if (!seen.has(p.kind + p.text)) seen.set(p.kind + p.text, p);
  };
  keep();
  if (w.berthLanguageWatched) return [];
  w.berthLanguageWatched = true;
  // at most one reading per 150 ms while the page changes, and one after it settles
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      keep();
    }, 150);
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'aria-hidden', 'data-sync-state'] });
  return [];
}

function reading(page: Page, r: Reading): Promise<Problem[] | null> {
  return page.evaluate(readInPage, r);
}

const SAID: Record<Kind, string> = {
  english: 'English sentence',
  ascii: 'ASCII punctuation in Chinese',
  fullWidth: 'full-width punctuation in English',
  chinese: 'Chinese in English',
};

function described(problems: Problem[]): string[] {
  return problems.map((p) => `${p.where}: ${SAID[p.kind]} “${p.text}”`);
}

async function readOnce(page: Page, language: WalkLanguage, own: readonly string[], kind: Kind): Promise<string[]> {
  const found = (await reading(page, { language, own, skip: SKIP, mode: 'once' })) ?? [];
  return found.filter((p) => p.kind === kind).map((p) => p.text);
}

/** English sentences in a 简体中文 page, except the chart's or a person's own words the test names. */
export function englishInChinese(page: Page, own: readonly string[] = []): Promise<string[]> {
  return readOnce(page, 'zh-CN', own, 'english');
}

/** Latin text in an English page that carries full-width punctuation (a CJK glyph or font winning). */
export function fullWidthInEnglish(page: Page): Promise<string[]> {
  return readOnce(page, 'en', [], 'fullWidth');
}

/** Chinese text in a 简体中文 page that uses ASCII punctuation where Chinese has its own (，。：；！？). */
export function asciiPunctuationInChinese(page: Page, own: readonly string[] = []): Promise<string[]> {
  return readOnce(page, 'zh-CN', own, 'ascii');
}

/**
 * Reads the page in `language` from now on: the current screen, then every change (a new
 * screen, a dialog, a toast, a tooltip, the sync indicator's state). Calling it again reads
 * the current screen at once (a screen the test is about to photograph).
 */
export async function watchLanguage(page: Page, language: WalkLanguage, own: readonly string[] = []): Promise<void> {
  await reading(page, { language, own, skip: SKIP, mode: 'watch' });
}

/** A sentence that breaks the language's rule, shown for a moment to prove the watch still reads the page. */
const PROBE: Record<WalkLanguage, string> = {
  'zh-CN': 'This probe is an English sentence.',
  en: 'Probe text，with a full-width comma',
};

/**
 * What the watch found so far, one line each (`route (dialog): problem “text”`). First proves
 * the watch still reads the page: a probe that breaks the rule is shown, must be found, and is
 * taken away again.
 */
export async function languageProblemsSeen(page: Page, language: WalkLanguage): Promise<string[]> {
  const probe = PROBE[language];
  const found = (text: string) => {
    const seen = (window as { berthLanguageSeen?: Map<string, Problem> }).berthLanguageSeen;
    return [...(seen?.values() ?? [])].some((p) => p.text === text);
  };
  await page.evaluate((text) => {
    const p = document.createElement('p');
    p.id = 'berth-language-probe';
    p.textContent = text;
    document.body.appendChild(p);
  }, probe);
  await page.waitForFunction(found, probe, { timeout: 5_000 }).catch(() => {
    throw new Error('the page is not watched: it reloaded, or watchLanguage was not called');
  });
  await page.evaluate((text) => {
    document.getElementById('berth-language-probe')?.remove();
    const seen = (window as { berthLanguageSeen?: Map<string, Problem> }).berthLanguageSeen!;
    for (const [key, p] of seen) if (p.text === text) seen.delete(key);
  }, probe);
  return described((await reading(page, { language, own: [], skip: SKIP, mode: 'seen' })) ?? []);
}
