import type { IncomingMessage } from 'node:http';
import type { BedrockScenario } from '../../scenario-types.js';
import { AwsError, parseJsonBody, signingScope, startAwsHttpServer } from '../aws-json-server.js';
import { countedFaults } from '../counted-faults.js';
import { pageSlice } from '../service-quotas/page-slice.js';
import { inferenceProfileSummary } from './inference-profile-summary.js';

export interface BedrockControlSimulatorOptions {
  /** Read on every request, so profiles added after start are served. */
  scenario: Pick<BedrockScenario, 'profiles'>;
  host?: string;
  port?: number;
  /** Profiles per page when the request has no `maxResults`. */
  pageSize?: number;
}

/** One request as the simulator saw it; `region` comes from the SigV4 credential scope. */
export interface BedrockControlRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  region: string;
  body: Record<string, unknown>;
}

/** Failures the next requests meet, whatever the operation; access denial goes first. */
export interface BedrockControlFaults {
  /** The next `count` requests get `AccessDeniedException` (403). */
  accessDenied(count: number): void;
  /** The next `count` requests get `ThrottlingException` (429). */
  throttle(count: number): void;
}

export interface BedrockControlSimulator {
  url: string;
  requests: BedrockControlRequest[];
  faults: BedrockControlFaults;
  close(): Promise<void>;
}

const MAX_RESULTS = 1000;

/**
 * A loopback Amazon Bedrock control plane (restJson1) serving `ListInferenceProfiles` and
 * `ListTagsForResource` for the application inference profiles of the SigV4 scope's region.
 */
export async function startBedrockControlSimulator({
  scenario,
  host = '127.0.0.1',
  port = 0,
  pageSize = 100,
}: BedrockControlSimulatorOptions): Promise<BedrockControlSimulator> {
  const requests: BedrockControlRequest[] = [];
  const counted = countedFaults();

  const route = (request: BedrockControlRequest): unknown => {
    const fault = counted.next();
    if (fault === 'accessDenied') {
      const action =
        request.path === '/listTagsForResource' ? 'ListTagsForResource' : 'ListInferenceProfiles';
      throw new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::111122223333:user/ai-spend is not authorized to perform: bedrock:${action}`,
        403,
      );
    }
    if (fault === 'throttle') {
      throw new AwsError('ThrottlingException', 'Too many requests, please wait before trying again.', 429);
    }
    const inRegion = scenario.profiles.filter((profile) => profile.region === request.region);
    if (request.method === 'GET' && request.path === '/inference-profiles') {
      return listInferenceProfiles(inRegion, request.query, pageSize);
    }
    if (request.method === 'POST' && request.path === '/listTagsForResource') {
      const profile = inRegion.find((candidate) => candidate.arn === request.body.resourceARN);
      if (profile === undefined) {
        throw new AwsError(
          'ResourceNotFoundException',
          'The specified resource ARN was not found. Check the ARN and try your request again.',
          404,
        );
      }
      return { tags: Object.entries(profile.tags).map(([key, value]) => ({ key, value })) };
    }
    throw new AwsError('UnknownOperationException', `no operation at ${request.method} ${request.path}`, 404);
  };

  const server = await startAwsHttpServer(
    {
      contentType: 'application/json',
      internalErrorType: 'InternalServerException',
      answer: (req, text) => {
        const request = parse(req, text);
        requests.push(request);
        return route(request);
      },
      errorReply: (error) => ({
        headers: { 'x-amzn-errortype': error.type },
        body: { message: error.message },
      }),
    },
    { host, port },
  );
  return {
    ...server,
    requests,
    faults: counted.faults,
  };
}

function listInferenceProfiles(
  profiles: BedrockScenario['profiles'],
  query: Record<string, string>,
  pageSize: number,
): unknown {
  const maxResults = query.maxResults === undefined ? pageSize : Number(query.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
    throw new AwsError('ValidationException', `maxResults must be between 1 and ${MAX_RESULTS}`);
  }
  const type = query.type;
  if (type !== undefined && type !== 'APPLICATION' && type !== 'SYSTEM_DEFINED') {
    throw new AwsError('ValidationException', `type must be one of SYSTEM_DEFINED, APPLICATION`);
  }
  // The scenario holds application profiles only; system-defined ones are not simulated.
  const matching = type === 'SYSTEM_DEFINED' ? [] : profiles;
  const page = pageSlice(matching, { pageSize: maxResults, nextToken: query.nextToken });
  if (page === undefined) throw new AwsError('ValidationException', 'The pagination token is invalid.');
  return {
    inferenceProfileSummaries: page.items.map(inferenceProfileSummary),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
}

function parse(req: IncomingMessage, text: string): BedrockControlRequest {
  const { region } = signingScope(req, 'bedrock');
  const url = new URL(req.url ?? '/', 'http://simulator');
  return {
    method: req.method ?? 'GET',
    path: url.pathname.replace(/\/+$/, '') || '/',
    query: Object.fromEntries(url.searchParams),
    region,
    body: parseJsonBody(text, 'ValidationException'),
  };
}
