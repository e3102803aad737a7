/**
 * French and English typography of everything the site says, with the mails' rules (`typeset`):
 * in French a no-break space before `:` and a narrow no-break space before `; ! ?`; in English no
 * space before them; curly apostrophes; "e‑mail" with a no-break hyphen, so that no line breaks
 * inside "e- / mail" or before a "?". A text passes when `typeset` leaves it unchanged.
 *
 * Scanned: every string of web/assets/i18n.js (French and English), the visible text of every
 * web/*.html (tags, attributes, scripts and styles stripped; the language of each text from the
 * nearest `lang` or `data-lang-block`), the API's messages and the code lists shown on the forms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../shared/domain/locale';
import { message, MESSAGE_KEYS } from '../../shared/domain/messages';
import { REFERENCE } from '../../shared/domain/reference';
import { typeset } from '../../shared/mail/templates';

const WEB = join(__dirname, '../../web');

/** Where `typeset` would change `text`, with some context; undefined when the text is right. */
function offence(locale: Locale, text: string): string | undefined {
  const fixed = typeset(locale, text);
  if (fixed === text) return undefined;
  let at = 0;
  while (at < text.length && text[at] === fixed[at]) at++;
  return JSON.stringify(text.slice(Math.max(0, at - 30), at + 10));
}

/** Every offence of `texts` as "where: snippet" lines, so a failure names each one. */
function offences(texts: ReadonlyArray<{ where: string; locale: Locale; text: string }>): string[] {
  return texts.flatMap(({ where, locale, text }) => {
    const found = offence(locale, text);
    return found === undefined ? [] : [`${where} (${locale}): ${found}`];
  });
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (text: string) =>
  text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (whole, name: string) =>
    name.startsWith('#x') || name.startsWith('#X')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : (ENTITIES[name] ?? whole),
  );

/**
 * The text nodes of a page with their language: tags, attributes, comments, scripts and styles are
 * dropped; `lang` or `data-lang-block` on an element sets the language of what it holds.
 */
export function visibleText(html: string): Array<{ locale: Locale; text: string }> {
  const source = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '');
  const stack: Array<{ tag: string; locale: Locale }> = [];
  const out: Array<{ locale: Locale; text: string }> = [];
  for (const [, closing, tag, attributes, text] of source.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    const locale = stack.at(-1)?.locale ?? 'fr';
    if (text !== undefined) {
      if (text.trim() !== '' && !text.startsWith('!')) out.push({ locale, text: decode(text) });
      continue;
    }
    const name = tag!.toLowerCase();
    if (closing) {
      const index = stack.map((open) => open.tag).lastIndexOf(name);
      if (index >= 0) stack.length = index;
      continue;
    }
    if (VOID.has(name) || attributes!.trimEnd().endsWith('/')) continue;
    const declared = /\s(?:lang|data-lang-block)="(fr|en)[^"]*"/.exec(attributes!)?.[1] as Locale | undefined;
    stack.push({ tag: name, locale: declared ?? locale });
  }
  return out;
}

const pages = readdirSync(WEB).filter((file) => file.endsWith('.html')).sort();

type SiteMessages = Record<Locale, Record<string, string>>;
let site: SiteMessages;

beforeAll(async () => {
  // i18n.js reads the page's address and storage when it loads: give it a bare browser.
  vi.stubGlobal('location', { search: '' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  const path = '../../web/assets/i18n.js'; // a browser module: loaded, not type-checked
  site = ((await import(/* @vite-ignore */ path)) as { MESSAGES: SiteMessages }).MESSAGES;
  vi.unstubAllGlobals();
});

describe('site typography', () => {
  it('reads each text with the right rules (the scanner itself)', () => {
    expect(offence('fr', 'Besoin d’aide ? Écrivez-nous : merci')).toBe(JSON.stringify('Besoin d’aide ? Écrivez'));
    expect(offence('fr', 'Besoin d’aide\u202f? Écrivez-nous\u00a0: merci')).toBeUndefined();
    expect(offence('fr', 'Confirmez l\'adresse')).toBeDefined();
    expect(offence('fr', 'Votre adresse e-mail')).toBeDefined();
    expect(offence('en', 'Thank you !')).toBeDefined();
    expect(visibleText('<p title="l\'x : y">Un <a href="x">lien</a>\u00a0:</p><div lang="en"><p>Hi : <br>there</p></div><script>a = \'b\' ;</script>')).toEqual([
      { locale: 'fr', text: 'Un ' },
      { locale: 'fr', text: 'lien' },
      { locale: 'fr', text: '\u00a0:' },
      { locale: 'en', text: 'Hi : ' },
      { locale: 'en', text: 'there' },
    ]);
  });

  it('covers every page of the site', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'mentor.html', 'mentee.html', 'verify.html', 'follow-up.html', 'confidentialite.html']));
  });

  it.each(['fr', 'en'] as const)('every %s string of i18n.js', (locale) => {
    const texts = Object.entries(site[locale]).map(([key, text]) => ({ where: `i18n.js ${key}`, locale, text }));
    expect(texts.length).toBeGreaterThan(100);
    expect(offences(texts)).toEqual([]);
  });

  it.each(pages)('the visible text of %s', (page) => {
    const texts = visibleText(readFileSync(join(WEB, page), 'utf8')).map(({ locale, text }) => ({ where: page, locale, text }));
    expect(texts.length).toBeGreaterThan(5);
    expect(offences(texts)).toEqual([]);
  });

  it('the messages of the API', () => {
    const texts = MESSAGE_KEYS.flatMap((key) => (['fr', 'en'] as const).map((locale) => ({ where: `messages.ts ${key}`, locale, text: message(key, locale) })));
    expect(offences(texts)).toEqual([]);
  });

  it('the code lists shown on the forms', () => {
    const texts = Object.entries(REFERENCE).flatMap(([list, items]) =>
      items.flatMap((item) => (['fr', 'en'] as const).map((locale) => ({ where: `reference ${list}.${item.code}`, locale, text: item.label[locale] }))),
    );
    expect(offences(texts)).toEqual([]);
  });
});
