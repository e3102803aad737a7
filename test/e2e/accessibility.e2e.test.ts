/**
 * Issue 8's accessibility audit: axe-core, injected into every page and state of the site (home,
 * both sign-up forms empty, with errors and after sending, the verification page's states, the
 * proposal and reactivation pages' states (issue 9), the privacy policy, legal notice and
 * accessibility statement, the local mailbox), against WCAG 2.0/2.1 A
 * and AA, in French and English, on a desktop and a phone.
 * Zero violations allowed. The pages' strict CSP would refuse the injected script, so this file's
 * contexts bypass it (and only this file's: the other browser tests keep checking the CSP).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audit, openForm, uniqueEmail, useBrowserSession, signUpMenteeAndWaitForMail } from './support';

const viewports = [
  { name: 'desktop', size: { width: 1280, height: 900 } },
  { name: 'phone', size: { width: 390, height: 844 } },
] as const;
const languages = ['fr', 'en'] as const;

/** Answers a sign-up with the API's 202, and a resend with its 202, without touching the stack. */
async function routeSignupAccepted(page: Page, role: 'mentor' | 'mentee') {
  const accepted = JSON.stringify({ status: 'verification_sent', message: 'ok' });
  await page.route(`**/api/${role}s`, (route) => route.fulfill({ status: 202, contentType: 'application/json', body: accepted }));
  await page.route('**/api/verifications/resend', (route) => route.fulfill({ status: 202, contentType: 'application/json', body: '{}' }));
}

/** Fills the form so every client check passes (by name and value, so in either language). */
async function fillValid(page: Page, role: 'mentor' | 'mentee') {
  await page.locator('#firstName').fill('Inès');
  await page.locator('#lastName').fill('Morel');
  await page.locator('#email').fill(uniqueEmail('axe'));
  if (role === 'mentor') {
    await page.locator('input[name="profile"]').first().check();
    await page.locator('input[name="tracks"]').first().check();
    await page.locator('input[name="sectors"]').first().check();
    await page.locator('input[name="expertise"]').first().check();
    await page.locator('#capacity-2').check();
  } else {
    await page.locator('input[name="track"]').first().check();
    await page.locator('#sector').selectOption('G');
    await page.locator('input[name="needs"]').first().check();
  }
  await page.locator('#postalCode').fill('13001');
  await expect.poll(() => page.locator('#communeCode').inputValue()).toBe('13201');
  await page.locator('input[name="meetingModes"]').first().check();
  await page.locator('#consent').check();
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const session = useBrowserSession({ bypassCSP: true });

  for (const viewport of viewports) {
    describe(`${viewport.name} (${viewport.size.width} px)`, () => {
      for (const lang of languages) {
        describe(lang, () => {
          const page = () => session.page;
          const at = (path: string, hash = '') => `${session.stack.baseUrl}/${path}?lang=${lang}${hash}`;
          const prepare = () => page().setViewportSize(viewport.size);

          it('home', async () => {
            await prepare();
            await page().goto(at(''));
            await page().locator('#lang-switch').waitFor();
            expect(await page().evaluate(() => document.documentElement.lang)).toBe(lang);
            await audit(page(), 'home');
          });

          const legalPages = [
            ['confidentialite.html', { fr: 'Politique de confidentialité', en: 'Privacy policy' }],
            ['mentions-legales.html', { fr: 'Mentions légales', en: 'Legal notice' }],
            ['accessibilite.html', { fr: 'Déclaration d’accessibilité', en: 'Accessibility statement' }],
          ] as const;
          for (const [path, titles] of legalPages) {
            it(`${path}: the text in the chosen language, the operator filled from assets/operator.json`, async () => {
              await prepare();
              const operator = { name: 'CCI Exemple-Territoire', contactEmail: 'mentorat@cci-exemple.example', postalAddress: '1 place de la Bourse, 75002 Paris' };
              await page().route('**/assets/operator.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(operator) }));
              await page().goto(at(path));
              const shown = page().locator('main article:not([hidden])');
              await expect.poll(() => shown.locator('h1').innerText()).toBe(titles[lang]);
              expect(await shown.count()).toBe(1);
              await expect.poll(() => shown.locator('[data-operator="name"]').first().innerText()).toBe(operator.name);
              expect(await page().locator('.site-footer a[data-operator-mailto]').getAttribute('href')).toBe(`mailto:${operator.contactEmail}`);
              await audit(page(), path);
            });
          }

          for (const role of ['mentor', 'mentee'] as const) {
            it(`${role} form: empty, with errors, sent, e-mail sent again`, async () => {
              await prepare();
              await routeSignupAccepted(page(), role);
              await page().goto(at(`${role}.html`));
              await page().locator('#signup-form').waitFor({ state: 'visible' });
              await audit(page(), `${role} form, empty`);

              await page().locator('#submit').click();
              await page().locator('#error-summary').waitFor({ state: 'visible' });
              await audit(page(), `${role} form, errors shown`);

              await fillValid(page(), role);
              await page().locator('#submit').click();
              await page().locator('#success').waitFor({ state: 'visible' });
              await audit(page(), `${role} form, sent (resend buttons)`);

              await page().locator('#resend-email').click();
              await expect.poll(() => page().locator('#resend-status').innerText()).not.toBe('');
              await audit(page(), `${role} form, e-mail sent again`);
            });
          }

          it('mentee form: a postal code with several communes shows the commune choice', async () => {
            await prepare();
            await page().goto(at('mentee.html'));
            await page().locator('#signup-form').waitFor({ state: 'visible' });
            await page().locator('#postalCode').fill('13100');
            await page().locator('#communeCode-req').waitFor({ state: 'visible' });
            await audit(page(), 'mentee form, commune choice');
            await page().locator('#submit').click();
            await page().locator('#error-summary').waitFor({ state: 'visible' });
            await audit(page(), 'mentee form, commune choice with errors');
          });

          it('verify page: a token before the click, confirmed, invalid link, 503', async () => {
            await prepare();
            let answer = { status: 200, body: { status: 'verified' } as object };
            await page().route('**/api/verifications', (route) =>
              route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) }),
            );
            await page().goto(at('verify.html', '#token=any-token-0123456789abcdef'));
            await page().locator('#verify-button').waitFor({ state: 'visible' });
            await audit(page(), 'verify, before the click');

            await page().locator('#verify-button').click();
            await page().locator('#verify-result').waitFor({ state: 'visible' });
            await audit(page(), 'verify, confirmed');

            await page().goto(at('verify.html'));
            await page().locator('#verify-result').waitFor({ state: 'visible' });
            await audit(page(), 'verify, invalid link');

            answer = { status: 503, body: { error: { code: 'service_unavailable', message: 'Service momentanément indisponible.' } } };
            await page().goto(at('verify.html', '#token=other-token-0123456789abcdef'));
            await page().reload(); // only the fragment changed: load the page again
            await page().locator('#verify-button').click();
            await page().locator('#verify-alert').waitFor({ state: 'visible' });
            await audit(page(), 'verify, 503');
          });

          it('proposal page: each answer before the click, accepted, already decided, invalid link, 503; reactivation page', async () => {
            await prepare();
            const shown = (action: string) => ({
              action,
              status: 'pending',
              expiresAt: '2026-12-08T13:00:00.000Z',
              mentee: { firstName: 'Yanis', track: 'job_search', sector: 'I', needs: ['cv_interview', 'networking'], postalCode: '13100', meetingModes: ['in_person', 'remote'], languages: ['fr', 'ar'] },
              reasons: [{ fr: 'Même secteur : hébergement et restauration', en: 'Same sector: accommodation and food service activities' }],
            });
            let view: { status: number; body: object } = { status: 200, body: shown('accept') };
            let decision: { status: number; body: object } = { status: 200, body: { status: 'recorded', decision: 'accept' } };
            const fulfil = (answer: { status: number; body: object }) => ({ status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body) });
            await page().route('**/api/proposals/view', (route) => route.fulfill(fulfil(view)));
            await page().route('**/api/proposals/decide', (route) => route.fulfill(fulfil(decision)));
            await page().route('**/api/mentors/reactivate', (route) => route.fulfill(fulfil({ status: 200, body: { status: 'reactivated' } })));
            const open = async (token: string) => {
              await page().goto(at('proposal.html', `#token=${token}`));
              await page().reload(); // only the fragment may have changed: load the page again
            };

            for (const action of ['accept', 'decline', 'decline_and_pause']) {
              view = { status: 200, body: shown(action) };
              await open(`token-${action}-0123456789abcdef`);
              await page().locator('#proposal').waitFor({ state: 'visible' });
              await audit(page(), `proposal, ${action} before the click`);
            }
            await page().locator('#proposal-reason').selectOption('no_time');
            decision = { status: 200, body: { status: 'recorded', decision: 'decline_and_pause' } };
            await page().locator('#proposal-button').click();
            await page().locator('#proposal-result').waitFor({ state: 'visible' });
            await audit(page(), 'proposal, paused');

            view = { status: 200, body: { ...shown('decline'), decision: 'accept' } };
            await open('token-already-0123456789abcdef');
            await page().locator('#proposal-result').waitFor({ state: 'visible' });
            await audit(page(), 'proposal, already decided');

            view = { status: 200, body: shown('accept') };
            await open('token-accept-again-0123456789abcdef');
            decision = { status: 503, body: { error: { code: 'service_unavailable', message: 'Service momentanément indisponible.' } } };
            await page().locator('#proposal-button').click();
            await page().locator('#proposal-alert').waitFor({ state: 'visible' });
            await audit(page(), 'proposal, 503');
            decision = { status: 200, body: { status: 'recorded', decision: 'accept' } };
            await page().locator('#proposal-retry').click();
            await page().locator('#proposal-result').waitFor({ state: 'visible' });
            await audit(page(), 'proposal, accepted');

            view = { status: 400, body: { error: { code: 'link_invalid', message: 'Lien invalide.' } } };
            await open('token-invalid-0123456789abcdef');
            await page().locator('#proposal-result').waitFor({ state: 'visible' });
            await audit(page(), 'proposal, invalid link');

            await page().goto(at('reactivate.html', '#token=token-reactivate-0123456789abcdef'));
            await page().locator('#reactivate-button').waitFor({ state: 'visible' });
            await audit(page(), 'reactivate, before the click');
            await page().locator('#reactivate-button').click();
            await page().locator('#reactivate-result').waitFor({ state: 'visible' });
            await audit(page(), 'reactivate, reactivated');
          });
        });
      }

      it('local mailbox (French only): the list and a message', async () => {
        await session.page.setViewportSize(viewport.size);
        const email = uniqueEmail('axe-mailbox');
        const mail = await signUpMenteeAndWaitForMail(session.stack.baseUrl, email);

        await session.page.goto(`${session.stack.baseUrl}/_local/mailbox`);
        await audit(session.page, 'mailbox list');

        await session.page.goto(`${session.stack.baseUrl}/_local/mailbox/${encodeURIComponent(mail.id)}`);
        await session.page.locator('iframe').waitFor();
        await audit(session.page, 'mailbox message');
      });
    });
  }

  it('the audit itself sees a violation (an unlabelled field added to a form page)', async () => {
    await openForm(session.page, session.stack.baseUrl, 'mentor');
    await session.page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    await expect(audit(session.page, 'planted')).rejects.toThrow(/label \(critical\)/);
  });
});
