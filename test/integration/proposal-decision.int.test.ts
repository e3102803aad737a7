/**
 * The mentor's decision end to end on DynamoDB Local: a proposal mail job recorded in the table is
 * sent by the real mail consumer into the local mail catcher; its links' tokens go to the real
 * handler modules (middy chain, wiring from the environment) of POST /api/proposals/view,
 * /api/proposals/decide and /api/mentors/reactivate. Tampered, expired, replayed and wrong-action
 * links get a clear error and change nothing; a second decision says which one was taken;
 * decline and pause pauses the mentor; the reactivation link brings it back.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingKeyFromConfig } from '../../shared/adapters/secrets/signing-keys';
import { loadSigningConfig } from '../../shared/config/runtime-config';
import { availabilityItems, JOB_ITEM_SECONDS, outboxItem, personItem, proposalItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Decision } from '../../shared/domain/matching';
import { proposalSubject } from '../../shared/links/matching-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import { startHandlerStack, type Handler, type HandlerStack } from '../helpers/handler-stack';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

let stack: HandlerStack;
let view: Handler;
let decide: Handler;
let reactivate: Handler;

beforeAll(async () => {
  stack = await startHandlerStack('proposals');
  view = await stack.handler('functions/http/view-proposal.ts');
  decide = await stack.handler('functions/http/decide-proposal.ts');
  reactivate = await stack.handler('functions/http/reactivate-mentor.ts');
});

afterAll(async () => {
  await stack?.stop();
});

const put = (item: Record<string, unknown>) => stack.table.client.send(new PutCommand({ TableName: stack.table.tableName, Item: item }));
const mentorStatus = async (id: string) =>
  (await stack.table.client.send(new GetCommand({ TableName: stack.table.tableName, Key: keys.person('mentor', id), ConsistentRead: true }))).Item?.status as string;
const snapshot = async () => {
  const all = await stack.table.client.send(new ScanCommand({ TableName: stack.table.tableName, ConsistentRead: true }));
  return JSON.stringify((all.Items ?? []).filter((i) => !String(i.PK).startsWith('IDEMPOTENCY') && !String(i.PK).startsWith('MAILS#')).sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`)));
};
/** The handlers' own key (the file the local environment names). */
const signer = (clock = systemClock) => makeLinkSigner({ keys: signingKeyFromConfig(loadSigningConfig()), clock });

/** A mentor, a mentee and a pending proposal between them, its mail job recorded; resolves once the mail is caught. */
async function proposed() {
  const mentor = mentorProfile();
  const mentee = menteeProfile({ lastName: 'Zerbib', phone: '+33 6 98 76 54 32' });
  const now = new Date();
  await put(personItem(mentor));
  for (const entry of availabilityItems(mentor)) await put(entry);
  await put(personItem(mentee));
  await put(
    proposalItem(
      { menteeId: mentee.id, mentorId: mentor.id, attempt: 1, rank: 1, score: 0.8, status: 'pending', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 7 * 86400_000).toISOString(),
        reasons: [{ code: 'same_sector', params: { sector: 'I' }, text: { fr: 'Même secteur : hébergement et restauration', en: 'Same sector: accommodation and food service activities' } }] },
      { taskToken: `token-${randomUUID()}`, remindAt: new Date(now.getTime() + 3 * 86400_000).toISOString() },
    ),
  );
  const job: MailJob = { id: randomUUID(), kind: 'mail', locale: 'fr', recordedAt: now.toISOString(), template: 'proposal', to: { role: 'mentor', personId: mentor.id }, menteeId: mentee.id, reminder: false };
  await put(outboxItem(job, { dedupKey: `proposal#${mentee.id}#${mentor.id}`, expiresAt: Math.floor(now.getTime() / 1000) + JOB_ITEM_SECONDS }));
  await stack.poller.drain();
  const mail = stack.catcher.list().find((m) => m.to.includes(mentor.email));
  expect(mail, 'the proposal mail').toBeDefined();
  const tokens = (page: string) => [...new Set([...mail!.text.matchAll(new RegExp(`/${page}\\.html#token=([\\w.-]+)`, 'g'))].map((m) => m[1]!))];
  const [accept, decline, pause] = tokens('proposal');
  const [reactivation] = tokens('reactivate');
  return { mentor, mentee, mail: mail!, links: { accept: accept!, decline: decline!, decline_and_pause: pause! } as Record<Decision, string>, reactivation: reactivation! };
}

const call = (handler: Handler, path: string, body: unknown) => stack.call(handler, stack.post(path, body));

describe('a proposal, from its mail to the decision', () => {
  it('mails the mentor the mentee without contact details, and the page shows the same', async () => {
    const { mentee, mail, links } = await proposed();
    expect(mail.subject).toBe('Proposition de mentorat\u00a0: Yanis, création ou reprise d’entreprise');
    for (const secret of [mentee.lastName, mentee.email, mentee.phone!]) expect(mail.text + mail.html).not.toContain(secret);
    const res = await call(view, '/api/proposals/view', { token: links.decline });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'decline', status: 'pending', mentee: { firstName: 'Yanis', postalCode: '13100' } });
    expect(JSON.stringify(res.body)).not.toMatch(/Zerbib|@example\.org|98 76/);
  });

  it('records an accept once; a second click says it was already taken', async () => {
    const { mentee, mentor, links } = await proposed();
    const first = await call(decide, '/api/proposals/decide', { token: links.accept, decision: 'accept' });
    expect(first).toEqual({ status: 200, body: { status: 'recorded', decision: 'accept' } });
    const before = await snapshot();
    const again = await call(decide, '/api/proposals/decide', { token: links.accept, decision: 'accept' });
    expect(again).toEqual({ status: 200, body: { status: 'already_decided', decision: 'accept' } });
    const other = await call(decide, '/api/proposals/decide', { token: links.decline, decision: 'decline', reason: 'no_time' });
    expect(other.body).toEqual({ status: 'already_decided', decision: 'accept' });
    expect(await snapshot()).toBe(before);
    const shown = await call(view, '/api/proposals/view', { token: links.decline });
    expect(shown.body).toMatchObject({ action: 'decline', decision: 'accept' });
    const delivery = await stack.table.client.send(new GetCommand({ TableName: stack.table.tableName, Key: keys.outbox('deliver_decision', `decision#${mentee.id}#${mentor.id}`), ConsistentRead: true }));
    expect(delivery.Item?.job).toMatchObject({ kind: 'deliver_decision', menteeId: mentee.id, mentorId: mentor.id });
  });

  it('refuses tampered, wrong-action and expired links with a clear error, changing nothing', async () => {
    const { mentee, mentor, links } = await proposed();
    const before = await snapshot();
    const [h, p, s] = links.accept.split('.');
    const forged = [h, Buffer.from(Buffer.from(p!, 'base64url').toString().replace(':accept', ':decline')).toString('base64url'), s].join('.');
    const expired = (await signer({ now: () => new Date(Date.now() - 3600_000) }).sign('proposal', proposalSubject(mentee.id, mentor.id, 'accept'), 60)).token;
    const cases: Array<[string, unknown, number, string]> = [
      ['a tampered link', { token: forged, decision: 'decline' }, 400, 'link_invalid'],
      ['an accept link posted as a decline', { token: links.accept, decision: 'decline' }, 400, 'link_invalid'],
      ['a decline link posted as decline and pause', { token: links.decline, decision: 'decline_and_pause' }, 400, 'link_invalid'],
      ['a reactivation link', { token: (await proposedReactivation(mentor.id)), decision: 'accept' }, 400, 'link_invalid'],
      ['an expired link', { token: expired, decision: 'accept' }, 410, 'link_expired'],
      ['an unknown reason', { token: links.decline, decision: 'decline', reason: 'bored' }, 400, 'validation_failed'],
      ['an unknown decision', { token: links.decline, decision: 'maybe' }, 400, 'validation_failed'],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await call(decide, '/api/proposals/decide', body);
      expect([name, res.status, res.body.error?.code]).toEqual([name, status, code]);
    }
    expect((await call(view, '/api/proposals/view', { token: forged })).status).toBe(400);
    expect((await call(view, '/api/proposals/view', { token: expired })).status).toBe(410);
    expect(await snapshot()).toBe(before);
  });

  it('decline and pause pauses the mentor; the reactivation link of the mail brings it back', async () => {
    const { mentor, links, reactivation } = await proposed();
    const res = await call(decide, '/api/proposals/decide', { token: links.decline_and_pause, decision: 'decline_and_pause', reason: 'no_time' });
    expect(res.body).toEqual({ status: 'recorded', decision: 'decline_and_pause' });
    expect(await mentorStatus(mentor.id)).toBe('paused');
    const back = await call(reactivate, '/api/mentors/reactivate', { token: reactivation });
    expect(back).toEqual({ status: 200, body: { status: 'reactivated' } });
    expect(await mentorStatus(mentor.id)).toBe('active');
    expect((await call(reactivate, '/api/mentors/reactivate', { token: reactivation })).body).toEqual({ status: 'already_active' });
    expect((await call(reactivate, '/api/mentors/reactivate', { token: links.accept })).status).toBe(400);
  });
});

/** A reactivation link for `mentorId`, signed as the mail consumer signs it. */
async function proposedReactivation(mentorId: string) {
  return (await signer().sign('reactivate_mentor', `mentor:${mentorId}`, 3600)).token;
}
