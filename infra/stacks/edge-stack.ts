import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/http/routes';
import { WebFirewall } from '../constructs/web-firewall';

/** Region of every CloudFront-scoped resource (web ACLs, viewer certificates): an AWS requirement. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  /** Stage name, in resource names. */
  readonly stage: string;
  /** The route table (the public POST routes get the per-IP rate limit). */
  readonly routes: readonly RouteDefinition[];
  /** The stage's `webFirewall` settings. */
  readonly webFirewall: { readonly postRateLimit: number; readonly evaluationWindowSeconds: 60 | 120 | 300 | 600 };
}

/**
 * What CloudFront needs in us-east-1, whatever the stage's region: the site's web ACL. The stateless
 * stack reads its ARN through a cross-region reference (an SSM parameter written in the stateless
 * stack's region by CDK's export writer), so both stacks need an explicit environment.
 */
export class EdgeStack extends Stack {
  readonly firewall: WebFirewall;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    if (props.env?.region !== EDGE_REGION) throw new Error(`The edge stack must be in ${EDGE_REGION} (CloudFront scope)`);
    super(scope, id, props);
    this.firewall = new WebFirewall(this, 'Firewall', {
      stage: props.stage,
      routes: props.routes,
      postRateLimit: props.webFirewall.postRateLimit,
      evaluationWindowSeconds: props.webFirewall.evaluationWindowSeconds,
    });
  }
}
