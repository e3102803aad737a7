import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { ApiMapping, DomainName, EndpointType, SecurityPolicy, type IHttpApi, type IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';

export interface ApiDomainProps {
  /** The API served on the domain. */
  readonly api: IHttpApi;
  /** Its stage, mapped at the domain's root (routes keep their `/api/...` paths). */
  readonly stage: IHttpStage;
  /** Host name, e.g. `api.tandem.example.org`; DNS is managed outside this app. */
  readonly domainName: string;
  /** ARN of its ACM certificate, in the API's own region (a regional endpoint). */
  readonly certificateArn: string;
}

/**
 * The HTTP API's own custom domain (REGIONAL endpoint, TLS 1.2) mapped at its root: CloudFront's
 * origin for `/api/*` once the default execute-api endpoint is disabled. The operator points the name
 * at {@link regionalDomainName} (CNAME, or an alias with {@link regionalHostedZoneId}).
 */
export class ApiDomain extends Construct {
  readonly domain: DomainName;
  readonly mapping: ApiMapping;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    this.domain = new DomainName(this, 'DomainName', {
      domainName: props.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    this.mapping = new ApiMapping(this, 'Mapping', { api: props.api, domainName: this.domain, stage: props.stage });
  }

  /** The custom host name (no scheme): CloudFront's origin. */
  get name(): string {
    return this.domain.name;
  }

  /** Target of the operator's DNS record for {@link name}. */
  get regionalDomainName(): string {
    return this.domain.regionalDomainName;
  }

  /** Hosted zone of {@link regionalDomainName}, for a Route 53 alias record. */
  get regionalHostedZoneId(): string {
    return this.domain.regionalHostedZoneId;
  }
}
