/**
 * The mentor's decision pages' use cases on the in-memory store: what the page shows, the decision
 * recorded once with its delivery job, a link that cannot give another answer than its own, clear
 * errors for tampered, expired and foreign links with nothing changed, the pause and the way back.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { LinkExpiredError, LinkInvalidError, ServiceUnavailableError } from '../../shared/domain/errors';
import { MATCHING_DEFAULTS, type Decision } from '../../shared/domain/matching';
import { proposalSubject, reactivationSubject } from '../../shared/links/matching-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeDecideProposal } from '../../shared/use-cases/decide-proposal';
import { makeReactivateMentor } from '../../shared/use-cases/reactivate-mentor';
import { makeViewProposal } from '../../shared/use-cases/view-proposal';
import { DAY, makeMatchingHub, type MatchingHub } from '../helpers/matching-hub';

const KEYS = { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) };

let hub: MatchingHub;
let mentorId: string;
let menteeId: string;
const signer = () => makeLinkSigner({ keys: KEYS, clock: hub.clock });
const link = async (action: Decision, ttl = MATCHING_DEFAULTS.proposalLifetimeSeconds) => (await signer().sign('proposal', proposalSubject(menteeId, mentorId, action), ttl)).token;
const view = (token: string) => makeViewProposal({ store: hub.store, links: signer() })(token);
const decide = (token: string, decision: Decision, reason?: 'no_time') => makeDecideProposal({ store: hub.store, links: signer(), clock: hub.clock })({ token, decision, reason });
const reactivate = (token: string) => makeReactivateMentor({ store: hub.store, links: signer(), clock: hub.clock })({ token });
/** The table's items, to prove that a refused request changed nothing. */
const snapshot = () => JSON.stringify(hub.table.scan());

beforeEach(() => {
  hub = makeMatchingHub();
  const mentor = hub.seedMentor();
  const mentee = hub.seedMentee();
  mentorId = mentor.id;
  menteeId = mentee.id;
  hub.seedProposal({
    menteeId,
    mentorId,
    reasons: [{ code: 'same_sector', params: { sector: 'I' }, text: { fr: 'Même secteur : hébergement et restauration', en: 'Same sector: accommodation and food service activities' } }],
  });
});

describe('viewing a proposal', () => {
  it('shows what the mail showed, the link’s action and the state, never contact details', async () => {
    const shown = await view(await link('decline'));
    expect(shown).toMatchObject({
      action: 'decline',
      status: 'pending',
      mentee: { firstName: 'Yanis', track: 'business_creation', sector: 'I', needs: ['funding', 'business_plan'], postalCode: '13100', meetingModes: ['in_person'], languages: ['fr', 'ar'] },
      reasons: [{ fr: 'Même secteur : hébergement et restauration', en: 'Same sector: accommodation and food service activities' }],
    });
    expect(shown.decision).toBeUndefined();
    expect(JSON.stringify(shown)).not.toMatch(/Benali|@example\.org|\+33|lastName|email|phone|project/);
  });

  it('shows the decision already taken', async () => {
    await decide(await link('accept'), 'accept');
    expect(await view(await link('decline'))).toMatchObject({ action: 'decline', decision: 'accept' });
  });
});

describe('deciding', () => {
  it('records the decision once, with its delivery job keyed by the proposal', async () => {
    expect(await decide(await link('decline'), 'decline', 'no_time')).toEqual({ result: 'recorded', decision: 'decline' });
    expect(await hub.proposal(menteeId, mentorId)).toMatchObject({ decision: 'decline', declineReason: 'no_time', status: 'pending' });
    const deliveries = hub.jobs().filter(({ job }) => job.kind === 'deliver_decision');
    expect(deliveries).toEqual([{ job: expect.objectContaining({ kind: 'deliver_decision', menteeId, mentorId }), dedupKey: `decision#${menteeId}#${mentorId}` }]);
  });

  it('answers a second click — the same link or another of the mail — with the decision already taken', async () => {
    const accept = await link('accept');
    await decide(accept, 'accept');
    const before = snapshot();
    expect(await decide(accept, 'accept')).toEqual({ result: 'already_decided', decision: 'accept' });
    expect(await decide(await link('decline'), 'decline')).toEqual({ result: 'already_decided', decision: 'accept' });
    expect(snapshot()).toBe(before);
  });

  it('refuses a link used for another answer than its own, changing nothing', async () => {
    const before = snapshot();
    await expect(decide(await link('accept'), 'decline')).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(decide(await link('decline'), 'decline_and_pause')).rejects.toBeInstanceOf(LinkInvalidError);
    expect(snapshot()).toBe(before);
  });

  it('refuses tampered, foreign-purpose and expired links, changing nothing', async () => {
    const before = snapshot();
    const token = await link('accept');
    const [h, p, s] = token.split('.');
    const tampered = [h, Buffer.from(Buffer.from(p!, 'base64url').toString().replace(menteeId, mentorId)).toString('base64url'), s].join('.');
    await expect(decide(tampered, 'accept')).rejects.toBeInstanceOf(LinkInvalidError);
    const verification = (await signer().sign('verify_email', `mentor:${mentorId}`, 3600)).token;
    await expect(decide(verification, 'accept')).rejects.toBeInstanceOf(LinkInvalidError);
    await expect(view(verification)).rejects.toBeInstanceOf(LinkInvalidError);
    const reactivation = (await signer().sign('reactivate_mentor', reactivationSubject(mentorId), 3600)).token;
    await expect(decide(reactivation, 'accept')).rejects.toBeInstanceOf(LinkInvalidError);
    const short = await link('accept', 60);
    hub.advance(61_000);
    await expect(decide(short, 'accept')).rejects.toBeInstanceOf(LinkExpiredError);
    await expect(view(short)).rejects.toBeInstanceOf(LinkExpiredError);
    expect(snapshot()).toBe(before);
  });

  it('says the proposal is closed when it lapsed or went elsewhere', async () => {
    await hub.store.closeProposal({ menteeId, mentorId, status: 'expired', now: hub.clock.now() });
    expect(await decide(await link('accept'), 'accept')).toEqual({ result: 'closed', status: 'expired' });
  });

  it('answers "link expired" for a proposal that no longer exists', async () => {
    const other = hub.seedMentee();
    const token = (await signer().sign('proposal', proposalSubject(other.id, mentorId, 'accept'), 3600)).token;
    await expect(decide(token, 'accept')).rejects.toBeInstanceOf(LinkExpiredError);
    await expect(view(token)).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('is unavailable, not invalid, when the signing keys cannot be read', async () => {
    const token = await link('accept');
    const broken = makeLinkSigner({ keys: { getKeys: () => Promise.reject(new Error('secrets down')) }, clock: hub.clock });
    await expect(makeDecideProposal({ store: hub.store, links: broken, clock: hub.clock })({ token, decision: 'accept' })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('pausing and coming back', () => {
  it('decline and pause pauses the mentor; the reactivation link makes it available again, once', async () => {
    await decide(await link('decline_and_pause'), 'decline_and_pause');
    expect((await hub.mentor(mentorId)).status).toBe('paused');
    hub.advance(30 * DAY);
    const token = (await signer().sign('reactivate_mentor', reactivationSubject(mentorId), 90 * 24 * 3600)).token;
    expect(await reactivate(token)).toEqual({ result: 'reactivated' });
    expect((await hub.mentor(mentorId)).status).toBe('active');
    expect(hub.jobs().filter(({ job }) => job.kind === 'capacity_appeared').map(({ job }) => job)).toEqual([expect.objectContaining({ mentorId })]);
    expect(await reactivate(token)).toEqual({ result: 'already_active' });
    expect(hub.jobs().filter(({ job }) => job.kind === 'capacity_appeared')).toHaveLength(1);
  });

  it('refuses a proposal link as a reactivation link', async () => {
    await expect(reactivate(await link('accept'))).rejects.toBeInstanceOf(LinkInvalidError);
  });
});
