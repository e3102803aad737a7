/** The matching engine: pure domain code, no I/O. See the README's "Matching" section. */
export { DEFAULT_MATCHING_CONFIG, MatchingConfigError, POINTS_SCALE, matchingConfig, type MatchingConfig, type MatchingConfigInput } from './config';
export { MatchingInputError, prepareMentors, type MentorPool } from './pool';
export { explainPair, rank, rankOrder, type OrderedCandidate, type PairExplanation, type RankOptions, type RankOrder, type RankResult, type RankedCandidate } from './rank';
export { assign, assignGreedily, type AssignOptions, type AssignResult, type AssignedPair, type MatchPair, type UnassignedMentee, type UnassignedReason } from './assign';
export { matchingInputs, menteeRequest, mentorCandidate, organisationKey, placeOf, type MenteeContext, type ProgrammeData } from './from-profiles';
export * from './types';
