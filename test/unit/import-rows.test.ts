/**
 * Each file's rows checked on their own (shared/import/rows.ts): one problem per cell at most,
 * named by line and column; codes, lists, dates (real days, not in the future), the sign-up's own
 * rules (address, place), capacity, a tandem's status and its end, reason and outcome; a valid row
 * normalized as the sign-up form normalizes it.
 */
import { describe, expect, it } from 'vitest';
import { parseMentees, parseMentors, parsePartners, parseTandems } from '../../shared/import/rows';

const TODAY = '2026-12-01';
const MENTORS = 'external_id,first_name,last_name,email,profile,company,postal_code,commune_code,sectors,expertise,languages,tracks,meeting_modes,capacity,status,joined_on';
const MENTOR = 'M1,Claire,Martin,Claire.Martin@Example.org ,executive,Sud Conseil,13006,13206,M|N,cv_interview|networking,fr|en,job_search,in_person|remote,2,active,2025-01-10';
const TANDEMS = 'external_id,mentor_external_id,mentee_external_id,started_on,status,ended_on,end_reason,outcome,outcome_on';
const where = (problems: readonly { line: number; column?: string; code: string }[]) => problems.map((p) => [p.line, p.column, p.code]);

describe('mentors.csv rows', () => {
  it('a valid row: the address normalized, lists split, capacity a number', () => {
    const parsed = parseMentors(`${MENTORS}\n${MENTOR}\n`, TODAY);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        externalId: 'M1',
        status: 'active',
        joinedOn: '2025-01-10',
        signUp: expect.objectContaining({ email: 'claire.martin@example.org', sectors: ['M', 'N'], tracks: ['job_search'], meetingModes: ['in_person', 'remote'], capacity: 2, communeCode: '13206' }),
      },
    ]);
  });

  it('one problem per cell, by column: codes in lists, capacity, status, dates, address, place', () => {
    const rows = [
      'M1,Claire,Martin,claire@example.org,executive,,13006,13206,M|XX,cv_interview,fr,job_search,in_person,6,retired,2025-02-30',
      'M2,,Benali,not-an-address,boss,,99999,,G,cv_interview,fr,job_search,by_mail,two,active,2027-01-01',
      'M3,Sophie,Durand,sophie@example.org,employee,,13006,84007,Q,cv_interview,fr,job_search,remote,1,erased,2025-03-05',
    ];
    const parsed = parseMentors([MENTORS, ...rows].join('\n'), TODAY);
    expect(parsed.rows).toEqual([]);
    expect(where(parsed.problems)).toEqual([
      [2, 'sectors', 'unknown_code'],
      [2, 'capacity', 'bad_value'],
      [2, 'status', 'unknown_code'],
      [2, 'joined_on', 'bad_date'],
      [3, 'first_name', 'missing_value'],
      [3, 'profile', 'unknown_code'],
      [3, 'meeting_modes', 'unknown_code'],
      [3, 'capacity', 'bad_value'],
      [3, 'joined_on', 'future_date'],
      [3, 'email', 'bad_value'],
      [3, 'postal_code', 'unknown_postal_code'],
      [4, 'status', 'unknown_code'],
      [4, 'commune_code', 'commune_mismatch'],
    ]);
    // Every external id is known to other files, even on a row with problems.
    expect([...parsed.ids]).toEqual(['M1', 'M2', 'M3']);
  });

  it('a repeated external_id is reported on its second line', () => {
    const parsed = parseMentors([MENTORS, MENTOR, MENTOR.replace('Claire.Martin@', 'autre@')].join('\n'), TODAY);
    expect(where(parsed.problems)).toEqual([[3, 'external_id', 'duplicate_external_id']]);
    expect(parsed.problems[0]!.message).toBe('external_id «\u202fM1\u202f» déjà présent ligne 2');
  });
});

describe('mentees.csv and partners.csv rows', () => {
  it('checks the mentee’s track, sector, needs and partner reference format', () => {
    const header = 'external_id,first_name,last_name,email,track,sector,needs,languages,postal_code,commune_code,meeting_modes,partner_external_id,status,signed_up_on';
    const parsed = parseMentees(`${header}\nE1,Inès,Haddad,ines@example.org,job_hunting,G,,fr,13001,13201,in_person,PA 1,matching_failed,2025-01-15\n`, TODAY);
    expect(where(parsed.problems)).toEqual([
      [2, 'track', 'unknown_code'],
      [2, 'needs', 'missing_value'],
      [2, 'partner_external_id', 'bad_value'],
      [2, 'status', 'unknown_code'],
    ]);
  });

  it('checks a partner’s kind, postal code and contact address', () => {
    const header = 'external_id,name,kind,postal_code,contact_email';
    const parsed = parsePartners(`${header}\nPA1,Mission locale,mission,1300,\nPA2,France Travail,employment_agency,13090,contact@\n`, TODAY);
    expect(where(parsed.problems)).toEqual([
      [2, 'kind', 'unknown_code'],
      [2, 'postal_code', 'bad_value'],
      [3, 'contact_email', 'bad_value'],
    ]);
  });
});

describe('tandems.csv rows', () => {
  it('a tandem’s status decides its end, reason and outcome', () => {
    const rows = [
      'T1,M1,E1,2025-02-03,active,2025-09-15,no_contact,,',
      'T2,M1,E2,2025-02-03,completed,,,permanent_contract,',
      'T3,M1,E3,2025-02-03,ended_early,2025-05-01,,,',
      'T4,M1,E4,2025-02-03,completed,2025-05-01,no_contact,permanent_contract,',
      'T5,M1,E5,2025-02-03,completed,2025-01-01,,hired,2025-01-01',
      'T6,M1,E6,2025-02-03,ended_early,2025-05-01,other,,2025-05-01',
    ];
    const parsed = parseTandems([TANDEMS, ...rows].join('\n'), TODAY);
    expect(where(parsed.problems)).toEqual([
      [2, 'ended_on', 'not_allowed'],
      [2, 'end_reason', 'not_allowed'],
      [3, 'ended_on', 'missing_value'],
      [4, 'end_reason', 'missing_value'],
      [5, 'end_reason', 'not_allowed'],
      [6, 'outcome', 'unknown_code'],
      [6, 'ended_on', 'date_order'],
      [6, 'outcome_on', 'date_order'],
      [7, 'outcome', 'missing_value'],
    ]);
  });

  it('a closed tandem with its end, reason and outcome is a row', () => {
    const parsed = parseTandems(`${TANDEMS}\nT1,M1,E1,2025-03-10,ended_early,2025-10-05,mentee_found_job,fixed_term_6m_plus,2025-10-01\n`, TODAY);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, externalId: 'T1', mentorExternalId: 'M1', menteeExternalId: 'E1', status: 'ended_early', startedOn: '2025-03-10', endedOn: '2025-10-05', endReason: 'mentee_found_job', outcome: 'fixed_term_6m_plus', outcomeOn: '2025-10-01' },
    ]);
  });
});
