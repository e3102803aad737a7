/**
 * The pages a public service must have (privacy policy — linked from every e-mail —, legal notice,
 * accessibility statement) and the footer that links them from every page: each link resolves on
 * the local site, the contact link and the operator's details written in the HTML are the default
 * stage's operator, and the local site serves `assets/operator.json` as the deployment writes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATOR } from '../../infra/config/stages';
import { createStaticSite, localGeneratedFiles } from '../../infra/local/static-site';
import { privacyPolicyUrl } from '../../shared/mail/templates';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/site-policy';

const web = fileURLToPath(new URL('../../web', import.meta.url));
const pages = readdirSync(web).filter((name) => name.endsWith('.html')).sort();
const html = (page: string) => readFileSync(join(web, page), 'utf8');
const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/[ \t\n]+/g, ' ').trim();

/** The footer's navigation of a page: its label and its links (href, text). */
function footerNav(page: string) {
  const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html(page))?.[1] ?? '';
  const nav = /<nav [^>]*\saria-label="([^"]+)"[^>]*>([\s\S]*?)<\/nav>/.exec(footer);
  const links = [...(nav?.[2] ?? '').matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map(([, href, text]) => ({ href: href!, text: decode(text!) }));
  return { label: nav?.[1], links };
}

describe('legal pages and footer', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const site = createStaticSite(web, localGeneratedFiles(DEFAULT_OPERATOR));
    server = createServer((req, res) => void site(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('serves the privacy policy every e-mail links to', async () => {
    const path = new URL(privacyPolicyUrl('https://tandem.example')).pathname;
    expect(path).toBe('/confidentialite.html');

    const response = await fetch(`${base}${path}`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Politique de confidentialité');
  });

  it('gives every page the footer: legal notice, privacy, accessibility status and contact, in a labelled nav', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'mentor.html', 'mentee.html', 'verify.html', 'proposal.html', 'reactivate.html', 'follow-up.html', 'confidentialite.html', 'mentions-legales.html', 'accessibilite.html']));
    for (const page of pages) {
      const { label, links } = footerNav(page);
      expect(label, page).toBe('Informations légales et contact');
      expect(links, page).toEqual([
        { href: 'mentions-legales.html', text: 'Mentions légales' },
        { href: 'confidentialite.html', text: 'Confidentialité' },
        { href: 'accessibilite.html', text: 'Accessibilité\u00a0: partiellement conforme' },
        { href: `mailto:${DEFAULT_OPERATOR.contactEmail}`, text: 'Contact' },
      ]);
    }
  });

  it('resolves every footer link of every page on the local site', async () => {
    const targets = new Set(pages.flatMap((page) => footerNav(page).links.map((link) => link.href)).filter((href) => !href.startsWith('mailto:')));
    expect(targets.size).toBe(3);
    for (const target of targets) {
      const response = await fetch(new URL(target, `${base}/verify.html`));
      expect(response.status, target).toBe(200);
      expect(response.headers.get('content-type'), target).toBe('text/html; charset=utf-8');
    }
  });

  it("writes the default stage's operator in the pages, where assets/operator.js replaces it with the stage's", () => {
    const fields = { name: DEFAULT_OPERATOR.name, contactEmail: DEFAULT_OPERATOR.contactEmail, postalAddress: DEFAULT_OPERATOR.postalAddress };
    for (const page of ['confidentialite.html', 'mentions-legales.html', 'accessibilite.html']) {
      const marked = [...html(page).matchAll(/<(?:span|a)[^>]* data-operator="(\w+)"[^>]*>([^<]*)</g)].map(([, field, text]) => [field!, decode(text!)] as const);
      expect(new Set(marked.map(([field]) => field)), page).toEqual(new Set(Object.keys(fields)));
      for (const [field, text] of marked) expect(text, `${page} ${field}`).toBe(fields[field as keyof typeof fields]);
      for (const [, href] of html(page).matchAll(/<a href="(mailto:[^"]+)"/g)) expect(href, page).toBe(`mailto:${DEFAULT_OPERATOR.contactEmail}`);
    }
  });

  it('serves assets/operator.json from the local operator: public fields only, with the site headers', async () => {
    const response = await fetch(`${base}/assets/operator.json?v=1`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ name: DEFAULT_OPERATOR.name, contactEmail: DEFAULT_OPERATOR.contactEmail, postalAddress: DEFAULT_OPERATOR.postalAddress });
    expect(body).not.toContain(DEFAULT_OPERATOR.programmeEmail);
    const head = await fetch(`${base}/assets/operator.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for assets/operator.json when no operator is given (the pages keep their defaults)', async () => {
    const bare = createStaticSite(web);
    const other = createServer((req, res) => void bare(req, res));
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/assets/operator.json`);
      expect(response.status).toBe(404);
    } finally {
      await new Promise<void>((done) => other.close(() => done()));
    }
  });
});
