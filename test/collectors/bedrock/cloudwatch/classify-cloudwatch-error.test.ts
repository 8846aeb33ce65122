import { afterEach, describe, expect, it } from 'vitest';
import { classifyCloudWatchError } from '../../../../src/collectors/bedrock/cloudwatch/classify-cloudwatch-error.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import { type AwsJsonServer, startAwsJsonServer } from '../../../../src/sim/aws/aws-json-server.js';
import type { CloudWatchSimulator } from '../../../../src/sim/aws/cloudwatch/server.js';
import { smallBedrockScenario } from '../../../sim/aws/cloudwatch/small-bedrock-scenario.js';
import { MemorySink } from '../../../support/memory-sink.js';
import { collect, sims, startSim } from './cloudwatch-harness.js';

const servers: AwsJsonServer[] = [];
afterEach(async () => {
  await Promise.all([...sims.splice(0), ...servers.splice(0)].map((server) => server.close()));
});

describe('CloudWatch failures become AiSpendErrors', () => {
  it.each<[string, string, (sim: CloudWatchSimulator) => void, string[]]>([
    [
      'a throttled ListMetrics',
      'provider_rate_limited',
      (sim) => sim.faults.throttle(1),
      ['schedule.collect'],
    ],
    [
      'a denied ListMetrics',
      'provider_auth',
      (sim) => sim.faults.accessDenied(1),
      ['cloudwatch:ListMetrics', 'us-east-1'],
    ],
    [
      'a denied GetMetricData',
      'provider_auth',
      (sim) => sim.faults.accessDenied(1, 'GetMetricData'),
      ['cloudwatch:GetMetricData', 'us-east-1'],
    ],
    [
      'a throttled GetMetricData',
      'provider_rate_limited',
      (sim) => sim.faults.throttle(1, 'GetMetricData'),
      ['GetMetricData'],
    ],
    [
      'a 500 from CloudWatch',
      'provider_unavailable',
      (sim) => sim.faults.serverError(1),
      ['AWS_ENDPOINT_URL_CLOUDWATCH', 'us-east-1'],
    ],
  ])('reports %s as %s with a hint naming what to fix', async (_, code, inject, hintParts) => {
    const sim = await startSim(smallBedrockScenario());
    inject(sim);
    const sink = new MemorySink();
    const failure = await collect(sim, sink).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AiSpendError);
    expect(failure).toMatchObject({ code });
    for (const part of hintParts) expect((failure as AiSpendError).hint).toContain(part);
    expect(sink.pagesWritten).toBe(0);
  });

  it('reports a closed port as provider_unavailable naming AWS_ENDPOINT_URL_CLOUDWATCH', async () => {
    const sim = await startSim(smallBedrockScenario());
    await sim.close();
    sims.splice(sims.indexOf(sim), 1);
    const failure = await collect(sim, new MemorySink()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'AiSpendError', code: 'provider_unavailable' });
    expect((failure as AiSpendError).hint).toContain('AWS_ENDPOINT_URL_CLOUDWATCH');
  });

  it('reports a ListMetrics answer whose Metrics is not a list as provider_schema', async () => {
    const server = await startAwsJsonServer({
      contentType: 'application/x-amz-json-1.0',
      targetPrefix: 'GraniteServiceVersion20100801',
      signingName: 'monitoring',
      handle: () => ({ Metrics: 'not-a-list' }),
    });
    servers.push(server);
    const failure = await collect(server, new MemorySink()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'AiSpendError', code: 'provider_schema' });
  });

  it.each<[string, unknown, string]>([
    ['LimitExceeded', { name: 'LimitExceeded', $metadata: { httpStatusCode: 400 } }, 'provider_rate_limited'],
    ['ExpiredToken', { name: 'ExpiredToken', $metadata: { httpStatusCode: 400 } }, 'provider_auth'],
    [
      'InvalidParameterValueException',
      { name: 'InvalidParameterValueException', $fault: 'client' },
      'provider_schema',
    ],
    ['a TimeoutError', { name: 'TimeoutError' }, 'provider_unavailable'],
    ['a SyntaxError', new SyntaxError('Unexpected token'), 'provider_schema'],
  ])('classifies %s as %s', (_, error, code) => {
    expect(classifyCloudWatchError(error, { operation: 'GetMetricData', region: 'eu-west-1' }).code).toBe(
      code,
    );
  });
});
