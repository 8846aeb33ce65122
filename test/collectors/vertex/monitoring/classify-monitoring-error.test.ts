import { describe, expect, it } from 'vitest';
import { classifyMonitoringError } from '../../../../src/collectors/vertex/monitoring/classify-monitoring-error.js';

const SITE = { project: 'acme-growth-prod', metric: 'token_count' };

/** An error shaped like the REST client's: HTTP status, and Google's JSON error body as the message. */
function httpError(status: number, googleStatus: string, message: string): Error {
  return Object.assign(
    new Error(JSON.stringify({ error: { code: status, message, status: googleStatus } })),
    {
      status,
      code: status,
    },
  );
}

describe('classifyMonitoringError', () => {
  it.each([
    [httpError(401, 'UNAUTHENTICATED', 'bad token'), 'provider_auth', 'GOOGLE_APPLICATION_CREDENTIALS'],
    [
      httpError(403, 'PERMISSION_DENIED', 'denied'),
      'provider_auth',
      'roles/monitoring.viewer on project acme-growth-prod',
    ],
    [httpError(404, 'NOT_FOUND', 'no project'), 'config_invalid', 'sources.vertex.projects'],
    [httpError(429, 'RESOURCE_EXHAUSTED', 'quota'), 'provider_rate_limited', 'schedule.collect'],
    [httpError(400, 'INVALID_ARGUMENT', 'bad filter'), 'provider_schema', 'sources.vertex.projects'],
    [httpError(503, 'UNAVAILABLE', 'down'), 'provider_unavailable', 'next collection retries'],
    [Object.assign(new Error('denied'), { code: 7 }), 'provider_auth', 'roles/monitoring.viewer'],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'provider_unavailable',
      'monitoring.googleapis.com',
    ],
    [new Error('Could not load the default credentials.'), 'provider_auth', 'application-default login'],
    [new SyntaxError('Unexpected token < in JSON'), 'provider_schema', 'monitoring.googleapis.com'],
    [
      new Error('fromProto3JSONToInternalRepresentation: expected an array for field timeSeries'),
      'provider_schema',
      'monitoring.googleapis.com',
    ],
  ])('%s → %s with a hint naming %s', (error, code, hint) => {
    const classified = classifyMonitoringError(error, SITE);
    expect(classified.code).toBe(code);
    expect(classified.hint).toContain(hint);
    expect(classified.message).toMatch(/^Cloud Monitoring token_count of project acme-growth-prod: /);
  });

  it("shows Google's message, not the JSON body it came in", () => {
    const classified = classifyMonitoringError(
      httpError(403, 'PERMISSION_DENIED', 'Permission monitoring.timeSeries.list denied'),
      SITE,
    );
    expect(classified.message).toBe(
      'Cloud Monitoring token_count of project acme-growth-prod: permission denied (Permission monitoring.timeSeries.list denied)',
    );
  });
});
