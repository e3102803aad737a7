/**
 * Who may call each route, as the HTTP chain's authorization step reads it: the route table's
 * `auth`, kept apart so that the table itself (grants, summaries: tens of KB as routes grow) stays
 * out of every function's bundle. Typed as a complete record over RouteId, and a test
 * (test/unit/http-chain.test.ts) checks it equals shared/http/routes.ts.
 */
import type { RouteAuth, RouteId } from './routes';

export const ROUTE_AUTH = {
  GetOpenApi: 'public',
  GetReference: 'public',
  FindCommunes: 'public',
  ListPartners: 'public',
  RegisterMentor: 'public',
  RegisterMentee: 'public',
  ConfirmEmail: 'public',
  ResendVerification: 'public',
  ViewProposal: 'public',
  DecideProposal: 'public',
  ReactivateMentor: 'public',
  ViewFollowUp: 'public',
  AnswerFollowUp: 'public',
  GetAttention: 'admin',
  ListAdminPartners: 'admin',
  CreatePartner: 'admin',
  UpdatePartner: 'admin',
  ListMentors: 'admin',
  GetMentor: 'admin',
  UpdateMentor: 'admin',
  ChangeMentorStatus: 'admin',
  ListMentees: 'admin',
  GetMentee: 'admin',
  StartMenteeMatching: 'admin',
  ListTandems: 'admin',
  GetTandem: 'admin',
  CloseTandem: 'admin',
  RecordTandemOutcome: 'admin',
  ResolveTandemAlert: 'admin',
  ExportPerson: 'admin',
  ErasePerson: 'admin',
  ListCohortDrafts: 'admin',
  CreateCohortDraft: 'admin',
  GetCohortDraft: 'admin',
  ReviseCohortDraft: 'admin',
  PublishCohortDraft: 'admin',
  ReferMentee: 'partner',
  ListPartnerMentees: 'partner',
  ListPartnerTandems: 'partner',
  GetPartnerTandem: 'partner',
} as const satisfies Record<RouteId, RouteAuth>;
