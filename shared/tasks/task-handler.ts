/**
 * The one middy chain of every non-HTTP function (workflow tasks, scheduled jobs; the stream
 * consumer builds on it in stream-handler.ts): Powertools logger context with the correlation id,
 * zod-validated input, and errors that leave with their stable names (see domain/errors.ts), so
 * Step Functions `Retry`/`Catch` and the alarms can match them. A task module exports its raw
 * function (tests call it) and `taskHandler(spec, raw)` (Lambda calls it).
 */
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
// The functional parse: it takes classic and mini schemas alike (the mail consumer's are zod/mini, to stay small).
import { safeParse } from 'zod/mini';
import { DomainError, InvalidTaskInputError } from '../domain/errors';
import { logger } from '../observability/logger';

export interface TaskSpec<S extends z.core.$ZodType> {
  /** The input's schema; an input that fails it throws InvalidTaskInputError (never retried). */
  readonly input: S;
  /** Picks the id that ties this invocation's log lines to the rest of the course (e.g. an execution or job id). */
  readonly correlationId?: (input: z.infer<S>) => string | undefined;
}

export type RawTaskHandler<I, O> = (input: I, context: Context) => Promise<O>;

/** Validates `value` with `schema`; failures name the offending paths, never the values. */
export function parseTaskInput<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const paths = [...new Set(result.error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
  throw new InvalidTaskInputError(`invalid task input at ${paths.join(', ')}`, paths);
}

/** Logs a failure by name and code only (messages and causes may quote data) and rethrows it. */
export function taskErrorLogger<E, R>(): MiddlewareObj<E, R> {
  return {
    onError: ({ error }) => {
      const e = error as Error | undefined;
      logger.error('Task failed', { error: { name: e?.name ?? 'unknown', ...(e instanceof DomainError ? { code: e.code } : {}) } });
    },
  };
}

export function taskHandler<S extends z.core.$ZodType, O>(spec: TaskSpec<S>, raw: RawTaskHandler<z.infer<S>, O>) {
  return middy<unknown, O>()
    .use(taskErrorLogger())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const input = parseTaskInput(spec.input, event);
      const correlationId = spec.correlationId?.(input);
      if (correlationId) logger.appendKeys({ correlationId });
      return raw(input, context);
    });
}
