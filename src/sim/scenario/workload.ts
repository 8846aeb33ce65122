/** The model ids of the scenario, as the providers' usage reports spell them. */
export const MODELS = {
  SONNET: 'claude-sonnet-4-5-20250929',
  HAIKU: 'claude-haiku-4-5-20251001',
  OPUS: 'claude-opus-4-1-20250805',
  GPT_5_4: 'gpt-5.4',
  GPT_5_MINI: 'gpt-5-mini',
  GPT_4_1: 'gpt-4.1-2025-04-14',
} as const;

/**
 * How traffic spreads over the hours of a UTC day: `customers` follows users round the clock with
 * a European/American working-hours peak, `office` is staff tools during working hours, `flat` is
 * a machine that never sleeps, `nightly` is a batch job in `nightlyHours`.
 */
export type HourShape = 'customers' | 'office' | 'flat' | 'nightly';

/** Average tokens of one request, by how each kind is priced. */
export interface TokensPerRequest {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

/** A story-driven change at one hour: `volume` scales requests, `tokens` replaces the request mix. */
export interface WorkloadAdjustment {
  volume: number;
  tokens?: TokensPerRequest;
}

/**
 * One stream of traffic in the simulated world: one feature on one API key, model, service tier
 * and context window. Every usage row of the scenario comes from exactly one workload.
 */
export interface Workload {
  /** Unique; seeds this workload's random draws. */
  id: string;
  /** The owner in the story (null for the orphan key and Console use): for tests, never emitted. */
  team: string | null;
  feature: string | null;
  provider: 'anthropic' | 'openai';
  /** Anthropic workspace or OpenAI project; null is Anthropic's default workspace. */
  scopeId: string | null;
  apiKeyId: string | null;
  model: string;
  batch: boolean;
  /** Anthropic `context_window: 200k-1M` rows. */
  longContext: boolean;
  shape: HourShape;
  nightlyHours: readonly number[];
  /** Requests on an average weekday at the end of the period. */
  weekdayRequests: number;
  /** Saturday/Sunday volume as a share of a weekday's. */
  weekendFactor: number;
  /** Share of hours that see any traffic at all (sporadic use); volume is scaled to compensate. */
  hourProbability: number;
  tokens: TokensPerRequest;
  webSearchPerRequest: number;
  adjust?: (hourStart: number) => WorkloadAdjustment;
}

export type WorkloadSpec = Pick<
  Workload,
  'id' | 'team' | 'feature' | 'provider' | 'scopeId' | 'apiKeyId' | 'model' | 'weekdayRequests' | 'tokens'
> &
  Partial<Workload>;

/** A workload with the defaults of a plain real-time, short-context, customer-facing feature. */
export function workload(spec: WorkloadSpec): Workload {
  return {
    batch: false,
    longContext: false,
    shape: 'customers',
    nightlyHours: [],
    weekendFactor: 0.4,
    hourProbability: 1,
    webSearchPerRequest: 0,
    ...spec,
  };
}

/** Tokens per request; unspecified kinds are zero. */
export function mix(tokens: Partial<TokensPerRequest>): TokensPerRequest {
  return { uncachedInput: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, ...tokens };
}

export function tokensPerRequestTotal(tokens: TokensPerRequest): number {
  return tokens.uncachedInput + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.output;
}
