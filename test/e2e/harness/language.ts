/**
 * Checks that a page speaks one language: in 简体中文 no English sentence outside what is not
 * Berth's to translate (a chart's or a person's own words, names, keys, file contents, Helm's
 * marked messages); in English no full-width punctuation inside Latin text.
 */
import type { Page } from 'playwright-core';

/**
 * What Berth does not translate: code and file views, Markdown (README, introduction,
 * changelog), form fields, Helm's own messages (`lang="en"`), and anything marked as the
 * chart's or a person's words.
 */
const SKIP = ['code', 'pre', 'textarea', 'input', 'select', 'svg', '.berth-code', '[data-content="user"]', '[lang="en"]', '[aria-hidden="true"]'].join(',');

/** Visible text nodes of the page outside SKIP, each trimmed. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate((skip) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest(skip)) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      out.push(text.replace(/\s+/g, ' '));
    }
    return out;
  }, SKIP);
}

/** Three or more Latin words in a row: a sentence, not a name, key or version. */
const LATIN_SENTENCE = /[A-Za-z][A-Za-z’']+(?:[ ,]+[A-Za-z][A-Za-z’']*){2,}/;
const FULL_WIDTH = /[\uFF01-\uFF0F\uFF1A-\uFF20\u3001\u3002\u300C-\u300F]/;
const CJK = /[\u3400-\u9FFF]/;

/**
 * English sentences in a 简体中文 page, except those the test names as the chart's or a person's
 * own (an app description, a changelog, a display name).
 */
export async function englishInChinese(page: Page, own: readonly string[] = []): Promise<string[]> {
  const texts = await visibleTexts(page);
  return texts.filter((t) => {
    let rest = t;
    for (const o of own) rest = rest.split(o).join(' ');
    return LATIN_SENTENCE.test(rest);
  });
}

/** Latin text in an English page that carries full-width punctuation (a CJK glyph or font winning). */
export async function fullWidthInEnglish(page: Page): Promise<string[]> {
  const texts = await visibleTexts(page);
  return texts.filter((t) => /[A-Za-z]{2,}/.test(t) && !CJK.test(t) && FULL_WIDTH.test(t));
}

/** ASCII punctuation written as Chinese punctuation's stand-in: “已同步. 点击”, “目录,应用”. */
const ASCII_IN_CHINESE = /[\u3400-\u9FFF][.,;:!?](?=\s|[\u3400-\u9FFF]|$)|[,;:!?]\s*[\u3400-\u9FFF]/;

/** Chinese text in a 简体中文 page that uses ASCII punctuation where Chinese has its own (，。：；！？). */
export async function asciiPunctuationInChinese(page: Page, own: readonly string[] = []): Promise<string[]> {
  const texts = await visibleTexts(page);
  return texts.filter((t) => {
    let rest = t;
    for (const o of own) rest = rest.split(o).join(' ');
    return ASCII_IN_CHINESE.test(rest);
  });
}
