/**
 * The consent text of both sign-up forms, in French and English: it names the data controller
 * (the operator, filled from assets/operator.json by operator.js), links the privacy policy and
 * gives the contact address to withdraw consent. The consent version moves with its wording.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../shared/domain/people';

const page = (name: string) => readFileSync(join(__dirname, '../../web', name), 'utf8');

/** The consent hint's block in `lang`, as HTML. */
function consentBlock(html: string, lang: 'fr' | 'en'): string {
  const hint = /<div id="consent-hint">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return new RegExp(`<p class="hint" data-lang-block="${lang}"[^>]*>([\\s\\S]*?)</p>`).exec(hint)?.[1] ?? '';
}

describe.each(['mentor.html', 'mentee.html'])('consent text of %s', (name) => {
  const html = page(name);

  it('describes the checkbox', () => {
    expect(html).toMatch(/<input type="checkbox" id="consent"[^>]*aria-describedby="consent-hint"/);
  });

  it.each([
    ['fr', 'responsable du traitement', 'retirer votre consentement'],
    ['en', 'the data controller', 'withdraw your consent'],
  ] as const)('in %s: names the controller, the privacy policy and how to withdraw', (lang, controller, withdraw) => {
    const block = consentBlock(html, lang);
    expect(block).toContain('<span data-operator="name">');
    expect(block).toContain(controller);
    expect(block).toMatch(/<a href="confidentialite\.html"[^>]*>/);
    expect(block).toMatch(/<a href="mailto:[^"]+" data-operator="contactEmail" data-operator-mailto>/);
    expect(block).toContain(withdraw);
  });

  it('shows French without scripts, English once chosen', () => {
    expect(html).toMatch(/<p class="hint" data-lang-block="fr">/);
    expect(html).toMatch(/<p class="hint" data-lang-block="en" lang="en" hidden>/);
  });
});

describe('consent version', () => {
  it('is the one of the current wording (December 2026: controller, privacy policy and withdrawal named)', () => {
    expect(CONSENT_VERSION).toBe('2026-12');
  });
});
