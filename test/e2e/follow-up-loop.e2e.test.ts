/**
 * The follow-up loop on the demo hub, as the "done when" describes it: `npm run jobs --
 * check-ins --now <a month later>` mails the check-ins that fall due by then; the mentor of the demo's
 * follow-up scenario (infra/local/demo-seed.ts demoFollowUpScenario) finds the check-in mail in the
 * mailbox, opens its link, answers; the CCI's officer then sees that answer, private note included,
 * on the tandem's page of the console. Running the job again with the same date sends nothing more.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoFollowUpScenario } from '../../infra/local/demo-seed';
import { OFFICER_LABEL, signIn, useConsoleSession, waitForConsole } from './console-support';
import { listMail, waitForMail, type CaughtMail } from './support';

const run = promisify(execFile);

/** `npm run jobs -- <job> --now <iso>` against this test's hub (its port), as a person types it. */
async function npmRunJobs(baseUrl: string, job: string, now: string): Promise<string> {
  const port = new URL(baseUrl).port;
  const { stdout } = await run('npm', ['run', '--silent', 'jobs', '--', job, '--now', now], { env: { ...process.env, PORT: port, FORCE_COLOR: '0' }, timeout: 120_000 });
  return stdout;
}

/** Resolves the mailbox's count once no mail has arrived for `quietMs` (the consumer has delivered what was recorded). */
async function mailboxAtRest(baseUrl: string, quietMs = 5000, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = (await listMail(baseUrl)).length;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`the mailbox was still filling after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = (await listMail(baseUrl)).length;
    if (now !== count) {
      count = now;
      since = Date.now();
    }
  }
  return count;
}

/** The follow-up link of a mail (HTML entities decoded), from its HTML or its text. */
function followUpLinkOf(mail: CaughtMail): string {
  const pattern = /https?:\/\/[^\s"'<>]+\/follow-up\.html#token=[^\s"'<>]+/;
  const html = (mail.html ?? '').replace(/&amp;/g, '&').replace(/&#x3D;|&#61;/gi, '=');
  const link = html.match(pattern)?.[0] ?? (mail.text ?? '').match(pattern)?.[0];
  if (!link) throw new Error(`no follow-up link in the message "${mail.subject}"`);
  return link;
}

describe('the check-in loop on the demo hub', () => {
  const session = useConsoleSession({ viewport: { width: 1280, height: 900 } });
  const scenario = demoFollowUpScenario();
  const progress = 'Nous avons préparé ensemble deux entretiens d’embauche.';
  const note = 'Le mentoré manque de confiance, à suivre de près.';

  it('mails the check-ins due a month later, and the mentor’s answer appears on the console’s tandem page', async () => {
    const { page, stack } = session;
    // A month after the demo's seed: the scenario's round is due by then (and many others).
    const now = new Date(Date.parse(scenario.nextCheckIn.dueAt) + 3600_000).toISOString();
    const before = (await listMail(stack.baseUrl)).length;
    const output = await npmRunJobs(stack.baseUrl, 'check-ins', now);
    // « Tâche check-ins exécutée au … : due 12, sent 12, … »: the scenario's round and others were sent.
    expect(output).toMatch(/Tâche check-ins exécutée/);
    expect(Number(/\bsent (\d+)/.exec(output)?.[1])).toBeGreaterThan(0);

    // The mentor's check-in mail, its first name and the mentee's in it.
    const mail = await waitForMail(stack.baseUrl, scenario.mentorEmail, 60_000);
    expect(mail.text).toContain(scenario.menteeFirstName);
    const link = followUpLinkOf(mail);

    await page.goto(link);
    await page.locator('#fu-form').waitFor({ state: 'visible' });
    if (scenario.nextCheckIn.seq === 1) {
      await page.locator('label[for="firstMeetingHeld-yes"]').click();
      await page.locator('label[for="fit-good"]').click();
    } else {
      await page.locator('#meetingsSince').fill('2');
      await page.locator('label[for="satisfaction-4"]').click();
      await page.locator('#progress').fill(progress);
    }
    await page.locator('#privateNote').fill(note);
    await page.locator('#fu-submit').click();
    await page.locator('#fu-result').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#fu-result').innerText()).toMatch(/Merci/);

    // The same job, the same date: nothing more is recorded nor mailed (every round due was sent once).
    const afterFirst = await mailboxAtRest(stack.baseUrl);
    expect(afterFirst).toBeGreaterThan(before);
    const again = await npmRunJobs(stack.baseUrl, 'check-ins', now);
    expect(again).toMatch(/\bsent 0\b/);
    expect(again).toMatch(/\breminderMails 0\b/);
    expect(await mailboxAtRest(stack.baseUrl)).toBe(afterFirst);

    // The officer sees the answer and the private note on the tandem's page.
    await signIn(page, stack.baseUrl, OFFICER_LABEL, `/console/tandem.html?id=${scenario.tandemId}`);
    await waitForConsole(page);
    const content = page.locator('#content');
    await expect.poll(() => content.innerText(), { timeout: 20_000 }).toContain(note);
    if (scenario.nextCheckIn.seq > 1) expect(await content.innerText()).toContain(progress);
  }, 240_000);
});
