/**
 * The developer mailbox on a phone (390 px): no horizontal overflow on the list or on a message,
 * one h1, landmarks and named controls; `/favicon.ico` answers on the same origin.
 */
import { describe, expect, it } from 'vitest';
import { uniqueEmail, useBrowserSession, signUpMenteeAndWaitForMail } from './support';

describe('local mailbox on a phone', () => {
  const session = useBrowserSession({ viewport: { width: 390, height: 844 } });

  const scrollWidth = () => session.page.evaluate(() => document.documentElement.scrollWidth);

  async function checkBasics() {
    const page = session.page;
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect((await page.title()).length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('navigation').count()).toBe(1);
  }

  it('the list and a message fit 390 px, with an h1 and landmarks', async () => {
    // Arrange: a message with a long address, the kind that used to push the table to 519 px
    const email = uniqueEmail('une-adresse-de-test-vraiment-tres-longue-pour-le-telephone');
    const mail = await signUpMenteeAndWaitForMail(session.stack.baseUrl, email);

    // Act: the list
    await session.page.goto(`${session.stack.baseUrl}/_local/mailbox`);

    // Assert
    await checkBasics();
    expect(await session.page.getByRole('heading', { level: 1 }).innerText()).toContain('Boîte de réception locale');
    expect(await session.page.getByRole('button', { name: /Tout effacer/ }).isVisible()).toBe(true);

    // Act: the message
    await session.page.getByRole('link', { name: mail.subject }).first().click();
    await session.page.waitForURL(/\/_local\/mailbox\/.+/);

    // Assert
    await checkBasics();
    expect(await session.page.getByRole('heading', { level: 1 }).innerText()).toBe(mail.subject);
    expect(await session.page.locator('iframe[title]').count()).toBe(1);
  });

  it('the empty and not-found pages fit 390 px too', async () => {
    await session.page.goto(`${session.stack.baseUrl}/_local/mailbox/no-such-message`);
    await checkBasics();
  });

  it('a browser asking for /favicon.ico gets an icon', async () => {
    const response = await session.page.goto(`${session.stack.baseUrl}/favicon.ico`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^image\//);
  });
});
