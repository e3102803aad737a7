/**
 * The proposal page restates nothing the server owns without a check: its decline reasons are the
 * domain's DECLINE_REASONS, each with a label in both languages, and every key the page and its
 * script use exists in French and English.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DECLINE_REASONS } from '../../shared/domain/matching';

type Messages = Record<'fr' | 'en', Record<string, string>>;
let messages: Messages;
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

beforeAll(async () => {
  vi.stubGlobal('location', { search: '' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  const path = '../../web/assets/i18n.js'; // a browser module: loaded, not type-checked
  messages = ((await import(/* @vite-ignore */ path)) as { MESSAGES: Messages }).MESSAGES;
  vi.unstubAllGlobals();
});

describe('the proposal and reactivation pages', () => {
  it('offer exactly the domain’s decline reasons, after "rather not say"', () => {
    const values = [...read('web/proposal.html').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(['', ...DECLINE_REASONS]);
  });

  it('have every text they use in French and English', () => {
    const keys = new Set<string>();
    for (const file of ['web/proposal.html', 'web/reactivate.html', 'web/assets/proposal.js']) {
      for (const m of read(file).matchAll(/(?:data-i18n="|['`])((?:proposal|reactivate|title|common)\.[\w.]+)(?:["'`])/g)) keys.add(m[1]!);
    }
    for (const reason of DECLINE_REASONS) keys.add(`proposal.reason.${reason}`);
    for (const decision of ['accept', 'decline', 'decline_and_pause']) keys.add(`proposal.already.${decision}`);
    expect(keys.size).toBeGreaterThan(40);
    for (const key of keys) {
      expect(messages.fr[key], `${key} (fr)`).toBeTruthy();
      expect(messages.en[key], `${key} (en)`).toBeTruthy();
    }
  });

  it('follow French typography in their French texts', () => {
    for (const [key, text] of Object.entries(messages.fr).filter(([k]) => /^(proposal|reactivate)\./.test(k))) {
      expect(text, key).not.toMatch(/[^\u00a0]:|[^\u202f][;!?]|'/);
    }
  });
});
