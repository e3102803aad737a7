/**
 * The one Powertools logger. Log lines carry ids, codes and counts — never names, e-mail
 * addresses, phone numbers or free text typed by people.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tandem' });
