/** A response the simulator gives instead of the real one, once. */
export type Fault =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'server_error' }
  | { kind: 'malformed'; shape: MalformedShape };

/** `invalid_json`: a body that does not parse; `wrong_shape`: valid JSON where `data` is not a list. */
export type MalformedShape = 'invalid_json' | 'wrong_shape';

/** Faults to inject, in the order they will be served: each call queues `count` more. */
export interface AnthropicSimulatorFaults {
  rateLimit(count: number, retryAfterSeconds: number): void;
  serverError(count: number): void;
  malformed(count: number, shape?: MalformedShape): void;
  /** Every later request gets 401, whatever key it carries. */
  revokeKey(): void;
}

export function createFaultQueue(): {
  faults: AnthropicSimulatorFaults;
  next(): Fault | undefined;
  revoked(): boolean;
} {
  const queue: Fault[] = [];
  let revoked = false;
  const push = (count: number, fault: Fault) => {
    for (let i = 0; i < count; i++) queue.push(fault);
  };
  return {
    faults: {
      rateLimit: (count, retryAfterSeconds) => push(count, { kind: 'rate_limit', retryAfterSeconds }),
      serverError: (count) => push(count, { kind: 'server_error' }),
      malformed: (count, shape = 'invalid_json') => push(count, { kind: 'malformed', shape }),
      revokeKey: () => {
        revoked = true;
      },
    },
    next: () => queue.shift(),
    revoked: () => revoked,
  };
}
