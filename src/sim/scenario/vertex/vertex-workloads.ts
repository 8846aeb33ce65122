import { DAY, HOUR, utcWeekday } from '../demo-story.js';
import { rngFor } from '../rng.js';

/** A feature calling one Vertex AI model from one project and region, with its request labels. */
export interface VertexWorkload {
  id: string;
  /** GCP project id. */
  project: string;
  /** Vertex AI location, e.g. `us-central1` or `global`. */
  region: string;
  publisher: 'google' | 'anthropic';
  /** The publisher model id as Vertex names it: `gemini-2.5-pro`, `claude-sonnet-4-5@20250929`. */
  model: string;
  /** Request labels (billing export `labels`): how teams and features are attributed. */
  labels: { team: string; feature: string };
  /** Requests on a weekday at the workload's usual level; weekends run at `weekendFactor` of it. */
  weekdayRequests: number;
  weekendFactor: number;
  /** Tokens per request. */
  tokens: { input: number; cachedInput: number; output: number };
  /** Typical time to first token, milliseconds. */
  ttftMs: { p50: number; p90: number };
  /** Share of requests refused with 429 (quota exceeded). */
  throttleShare: number;
  /** The project's input-tokens-per-minute quota for the model in its region (Cloud Quotas). */
  inputTpmQuota: number;
}

/** One hour of one workload: counts of requests, tokens and 429s, and its first-token latency. */
export interface VertexHour {
  requests: number;
  throttled: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  ttftP50Ms: number;
  ttftP90Ms: number;
}

/** The demo company on Vertex AI: Gemini for growth and mobile, Claude on Vertex for a platform tool. */
export const VERTEX_WORKLOADS: readonly VertexWorkload[] = [
  {
    id: 'growth-copywriter',
    project: 'acme-growth-prod',
    region: 'us-central1',
    publisher: 'google',
    model: 'gemini-2.5-pro',
    labels: { team: 'growth', feature: 'copywriter' },
    weekdayRequests: 9_000,
    weekendFactor: 0.4,
    tokens: { input: 2_400, cachedInput: 800, output: 700 },
    ttftMs: { p50: 620, p90: 1_300 },
    throttleShare: 0.002,
    inputTpmQuota: 4_000_000,
  },
  {
    id: 'mobile-voice-summary',
    project: 'acme-mobile-prod',
    region: 'europe-west4',
    publisher: 'google',
    model: 'gemini-2.5-flash',
    labels: { team: 'mobile', feature: 'voice-summary' },
    weekdayRequests: 40_000,
    weekendFactor: 0.8,
    tokens: { input: 1_200, cachedInput: 0, output: 220 },
    ttftMs: { p50: 280, p90: 540 },
    throttleShare: 0.001,
    inputTpmQuota: 4_000_000,
  },
  {
    id: 'platform-triage',
    project: 'acme-platform-prod',
    region: 'us-east5',
    publisher: 'anthropic',
    model: 'claude-sonnet-4-5@20250929',
    labels: { team: 'platform', feature: 'incident-triage' },
    weekdayRequests: 2_500,
    weekendFactor: 0.3,
    tokens: { input: 5_000, cachedInput: 12_000, output: 900 },
    ttftMs: { p50: 700, p90: 1_500 },
    throttleShare: 0.004,
    inputTpmQuota: 60_000,
  },
];

/** Share of a weekday's requests in each UTC hour (working hours in Europe and the US). */
const HOUR_SHAPE = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.03, 0.05, 0.06, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.06, 0.05,
  0.04, 0.04, 0.03, 0.02, 0.03, 0.03,
];

/**
 * The hour starting at `hourStart` (UTC epoch seconds) of a workload: deterministic (seeded by the
 * workload and the hour, so any window of hours gives the same numbers), with ±10% noise.
 */
export function vertexHour(workload: VertexWorkload, hourStart: number): VertexHour {
  const random = rngFor('vertex', workload.id, hourStart);
  const weekday = utcWeekday(hourStart);
  const dayFactor = weekday === 0 || weekday === 6 ? workload.weekendFactor : 1;
  const hourOfDay = Math.floor((hourStart % DAY) / HOUR);
  const noise = () => 0.9 + 0.2 * random();
  const requests = Math.round(workload.weekdayRequests * dayFactor * (HOUR_SHAPE[hourOfDay] ?? 0) * noise());
  const perToken = noise();
  return {
    requests,
    throttled: Math.round(requests * workload.throttleShare * noise()),
    inputTokens: Math.round(requests * workload.tokens.input * perToken),
    cachedInputTokens: Math.round(requests * workload.tokens.cachedInput * perToken),
    outputTokens: Math.round(requests * workload.tokens.output * noise()),
    ttftP50Ms: Math.round(workload.ttftMs.p50 * noise()),
    ttftP90Ms: Math.round(workload.ttftMs.p90 * noise()),
  };
}
