/** The developer mailbox's HTML: readable on a phone and well-formed for assistive technology. */
import { describe, expect, it } from 'vitest';
import type { CaughtMail } from '../../infra/local/mail-catcher';
import { renderMailboxList, renderMailboxMessage } from '../../infra/local/mailbox';

const mail: CaughtMail = {
  id: 'm1',
  from: 'Tandem CCI <no-reply@tandem.local>',
  to: 'une-adresse-tres-longue-pour-voir-si-elle-passe-a-la-ligne@un-domaine-assez-long.example.org',
  subject: 'Confirmez votre adresse <e-mail>',
  text: 'Confirmez : http://localhost:3000/verify.html#token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  html: '<p><a href="http://localhost:3000/verify.html#token=abc">Confirmer</a></p>',
  receivedAt: '2026-11-26T10:15:00.000Z',
} as CaughtMail;

const pages = {
  'empty list': renderMailboxList([]),
  list: renderMailboxList([mail]),
  message: renderMailboxMessage(mail),
};

describe('mailbox pages', () => {
  for (const [name, html] of Object.entries(pages)) {
    it(`${name}: has lang, a title, a phone viewport, landmarks and exactly one h1`, () => {
      expect(html).toMatch(/<html lang="fr">/);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<header>[\s\S]*<nav aria-label="[^"]+">[\s\S]*<\/header>/);
      expect(html.match(/<main>/g)).toHaveLength(1);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain('<link rel="icon" href="/assets/favicon.svg"');
    });

    it(`${name}: sets no width, margin or padding above 390 px, and lets text wrap`, () => {
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      const declarations = [...css.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)/g)].map(([, property, value]) => ({ property: property!, value: value! }));
      const toPx = (value: string) => [...value.matchAll(/(\d*\.?\d+)(px|rem|em)\b/g)].map(([, n, unit]) => Number(n) * (unit === 'px' ? 1 : 16));
      const sizing = declarations.filter(({ property }) => /^(?:min-)?width$|^(?:margin|padding)/.test(property));
      expect(sizing.length).toBeGreaterThan(0);
      expect(sizing.filter(({ value }) => toPx(value).some((px) => px > 390))).toEqual([]);
      // `max-width` only narrows (the 60rem column on a desktop); `nowrap` only in the visually-hidden helper.
      expect(declarations.filter(({ property, value }) => property === 'white-space' && /^(?:pre|nowrap)\s*$/.test(value))).toHaveLength(1);
    });
  }

  it('labels the list cells for the phone layout and the table columns for screen readers', () => {
    expect(pages.list).toContain('<th scope="col">');
    expect(pages.list).toContain('<caption');
    expect(pages.list).toMatch(/<td data-label="Reçu \/ Received">/);
    expect(pages.list).toContain('@media (max-width: 40rem)');
    expect(pages.list).toContain('overflow-wrap: anywhere');
  });

  it('names the page after the message and escapes its subject; the frame has a title', () => {
    expect(pages.message).toContain('<h1>Confirmez votre adresse &lt;e-mail&gt;</h1>');
    expect(pages.message).toContain('<title>Confirmez votre adresse &lt;e-mail&gt; — Boîte de réception locale — Tandem</title>');
    expect(pages.message).toMatch(/<iframe title="[^"]+"/);
  });
});
