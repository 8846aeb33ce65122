import { AiSpendError } from '../../../core/errors.js';

/** Which read failed: the project and the publisher metric (`token_count`, ...). */
export interface MonitoringCallSite {
  project: string;
  metric: string;
  /** The Google API read (default Cloud Monitoring). */
  api?: GoogleApi;
}

/** A Google API as errors name it: its name, host and the IAM role that lets ai-spend read it. */
export interface GoogleApi {
  name: string;
  host: string;
  role: string;
}

const CLOUD_MONITORING: GoogleApi = {
  name: 'Cloud Monitoring',
  host: 'monitoring.googleapis.com',
  role: 'roles/monitoring.viewer',
};

const ADC_HINT =
  'check the Google application default credentials ai-spend runs with (GOOGLE_APPLICATION_CREDENTIALS, or gcloud auth application-default login)';

// gRPC status codes, for a client built without the REST fallback.
const GRPC_TO_HTTP: Record<number, number> = {
  3: 400,
  4: 504,
  5: 404,
  7: 403,
  8: 429,
  13: 500,
  14: 503,
  16: 401,
};

/**
 * Turns whatever a `projects.timeSeries.list` call threw into the one error type, with a hint
 * naming the permission or setting to fix. The REST client throws `GaxiosError`s carrying the HTTP
 * status and Google's JSON error body as the message.
 */
export function classifyMonitoringError(
  error: unknown,
  { project, metric, api = CLOUD_MONITORING }: MonitoringCallSite,
): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const what = `${api.name} ${metric} of project ${project}`;
  const NETWORK_HINT = `${api.name} (${api.host}) is unreachable or failing; the next collection retries`;
  const detail = googleMessage(error);
  const fail = (code: ConstructorParameters<typeof AiSpendError>[0], message: string, hint: string) =>
    new AiSpendError(code, message, { hint, cause: error });
  const status = httpStatus(error);
  if (status === 401) return fail('provider_auth', `${what}: credentials refused (${detail})`, ADC_HINT);
  if (status === 403) {
    return fail(
      'provider_auth',
      `${what}: permission denied (${detail})`,
      `grant ${api.role} on project ${project} to the account ai-spend runs as, and check that ${project} in sources.vertex.projects is the project id`,
    );
  }
  if (status === 404) {
    return fail(
      'config_invalid',
      `${what}: not found (${detail})`,
      `check the project id ${project} in sources.vertex.projects`,
    );
  }
  if (status === 429) {
    return fail(
      'provider_rate_limited',
      `${what}: rate limited (${detail})`,
      `collect less often (schedule.collect) or raise the ${api.name} read quota of project ${project}`,
    );
  }
  if (status === 400) {
    return fail(
      'provider_schema',
      `${what}: the query was rejected (${detail})`,
      `check that ${project} in sources.vertex.projects is a project id and that the endpoint is ${api.name} (${api.host})`,
    );
  }
  if (status !== undefined && (status >= 500 || status === 408)) {
    return fail('provider_unavailable', `${what}: HTTP ${status} (${detail})`, NETWORK_HINT);
  }
  if (/default credentials|refresh token|could not refresh access token|invalid_grant/i.test(detail)) {
    return fail('provider_auth', `${what}: no usable credentials (${detail})`, ADC_HINT);
  }
  if (error instanceof SyntaxError || /fromProto3JSON|expected an? \w+ for field/i.test(detail)) {
    return fail(
      'provider_schema',
      `${what}: the answer has an unknown shape (${detail})`,
      `check that the endpoint is ${api.name} (${api.host}) and nothing rewrites its answers`,
    );
  }
  return fail('provider_unavailable', `${what}: ${detail}`, NETWORK_HINT);
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, code, response } = error as {
    status?: unknown;
    code?: unknown;
    response?: { status?: unknown };
  };
  if (typeof status === 'number') return status;
  if (typeof response?.status === 'number') return response.status;
  if (typeof code === 'number') return code >= 100 ? code : GRPC_TO_HTTP[code];
  return undefined;
}

/** Google's `{ error: { message } }` when the message is that JSON body, else the message itself. */
function googleMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(message) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not JSON: a network or client error, shown as is.
  }
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
