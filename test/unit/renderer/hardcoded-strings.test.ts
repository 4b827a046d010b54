import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const rendererDir = join(__dirname, '..', '..', '..', 'src-renderer');
/** Attributes people read or hear (screen readers). */
const TEXT_ATTRIBUTES = new Set(['label', 'placeholder', 'title', 'aria-label', 'description', 'alt', 'nothingFoundMessage']);
/** Literal text that is the same in every language: the product name, file names, paths, addresses, identifiers. */
const UNIVERSAL = /^(Berth|README|Markdown|JSON|YAML|sha256:|Chart\.yaml|values\.yaml|https?:\/\/\S*|\/\S*|[a-z0-9][a-z0-9.-]*)$/;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsxFiles(p);
    return name.endsWith('.tsx') ? [p] : [];
  });
}

function hardCoded(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(rendererDir, file)}:${line + 1}: "${text}"`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().trim();
      if (/[A-Za-z\u4e00-\u9fff]/.test(text) && !UNIVERSAL.test(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const text = node.initializer.text.trim();
      if (/[A-Za-z\u4e00-\u9fff]/.test(text) && !UNIVERSAL.test(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('renderer strings', () => {
  it('has no hard-coded user-visible text in JSX: every sentence comes from the translation files', () => {
    const problems = tsxFiles(rendererDir).flatMap((f) => hardCoded(f));
    expect(problems).toEqual([]);
  });

  it('finds hard-coded text when there is some (the check itself works)', () => {
    const fake = join(rendererDir, 'fake.tsx');
    const code = 'const x = <Button label="Save changes" placeholder="https://">Delete {n} <b>Berth</b></Button>;';
    expect(hardCoded(fake, code)).toEqual(['fake.tsx:1: "Save changes"', 'fake.tsx:1: "Delete"']);
  });
});
