/**
 * Markdown for the merged LLM text: markdown-it with raw HTML off, code
 * highlighted by highlight.js (a few common languages), and the result
 * sanitized by DOMPurify into a DOM fragment, never assigned as HTML.
 */
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import MarkdownIt from 'markdown-it';

for (const [name, lang] of Object.entries({ bash, javascript, json, python, typescript })) hljs.registerLanguage(name, lang);
hljs.registerAliases(['js', 'jsx', 'node'], { languageName: 'javascript' });
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['py'], { languageName: 'python' });

const md: MarkdownIt = new MarkdownIt({
  html: false,
  linkify: true,
  highlight(code: string, lang: string): string {
    if (lang && hljs.getLanguage(lang)) {
      try {
        return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
      } catch {
        // Fall back to plain (escaped) code.
      }
    }
    return '';
  },
});

/** Renders markdown text as a sanitized DOM fragment. */
export function renderMarkdown(text: string): DocumentFragment {
  const html = md.render(text);
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form', 'input', 'img'], FORBID_ATTR: ['style'] });
}
