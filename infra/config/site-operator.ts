/**
 * What the sign-up site shows of the hub's operator (legal notice, privacy policy, footer's contact
 * link): its name, contact and postal addresses — never the programme mailbox. CDK writes it to the
 * site bucket as `assets/operator.json` from the stage's `operator`; the local site serves the same
 * JSON built from the local stack's operator. The pages keep the default operator in their HTML,
 * so they read right before (or without) this file.
 */
export const OPERATOR_JSON_PATH = 'assets/operator.json';

export interface PublicOperator {
  readonly name: string;
  readonly contactEmail: string;
  readonly postalAddress: string;
}

/** Keeps only the public fields (a stage's operator also carries its internal programme mailbox). */
export const publicOperator = (operator: PublicOperator): PublicOperator => ({
  name: operator.name,
  contactEmail: operator.contactEmail,
  postalAddress: operator.postalAddress,
});
