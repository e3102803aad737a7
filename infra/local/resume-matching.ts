/**
 * `npm start`'s resume step: the resume use case (shared/use-cases/resume-matching.ts) wired to the
 * DynamoDB Local store the task functions use. Imported once the local environment is set.
 */
import { matchingStore } from '../../functions/commons/workflow-wiring';
import { systemClock } from '../../shared/ports/clock';
import { makeResumeMatching } from '../../shared/use-cases/resume-matching';

export function resumeLocalMatching(): Promise<{ awaiting: number; resumed: number }> {
  return makeResumeMatching({ store: matchingStore(), clock: systemClock })();
}
