/** An AWS service the Bedrock source calls, as its errors and hints name it. */
export interface AwsService {
  /** As people know it: `CloudWatch`, `the Bedrock control plane`. */
  label: string;
  /** The prefix of its IAM actions: `cloudwatch` in `cloudwatch:GetMetricData`. */
  iamPrefix: string;
  /** The SDK's endpoint override for it: `AWS_ENDPOINT_URL_CLOUDWATCH`. */
  endpointVariable: string;
  /** Its AWS host; `<region>` stands for the region called. */
  host: string;
}

export const CLOUDWATCH: AwsService = {
  label: 'CloudWatch',
  iamPrefix: 'cloudwatch',
  endpointVariable: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  host: 'monitoring.<region>.amazonaws.com',
};

export const SERVICE_QUOTAS: AwsService = {
  label: 'Service Quotas',
  iamPrefix: 'servicequotas',
  endpointVariable: 'AWS_ENDPOINT_URL_SERVICE_QUOTAS',
  host: 'servicequotas.<region>.amazonaws.com',
};

export const BEDROCK_CONTROL_PLANE: AwsService = {
  label: 'the Bedrock control plane',
  iamPrefix: 'bedrock',
  endpointVariable: 'AWS_ENDPOINT_URL_BEDROCK',
  host: 'bedrock.<region>.amazonaws.com',
};

/** Global: one endpoint in us-east-1 serves every region. */
export const COST_EXPLORER: AwsService = {
  label: 'Cost Explorer',
  iamPrefix: 'ce',
  endpointVariable: 'AWS_ENDPOINT_URL_COST_EXPLORER',
  host: 'ce.us-east-1.amazonaws.com',
};

/** The hint for an answer that is not the service's own: its endpoint override may point elsewhere. */
export function endpointHint(service: AwsService, region?: string): string {
  const host = region === undefined ? service.host : service.host.replace('<region>', region);
  return `check ${service.endpointVariable} points at ${service.label} (${host})`;
}
