/** Failures the next requests meet, whatever the operation; access denial goes first. */
export interface CountedFaults {
  accessDenied(count: number): void;
  throttle(count: number): void;
}

/** Counters behind `CountedFaults`; `next()` takes the fault the next request meets, if any. */
export function countedFaults(): {
  faults: CountedFaults;
  next(): keyof CountedFaults | undefined;
} {
  const pending = { accessDenied: 0, throttle: 0 };
  return {
    faults: {
      accessDenied(count) {
        pending.accessDenied += count;
      },
      throttle(count) {
        pending.throttle += count;
      },
    },
    next() {
      for (const fault of ['accessDenied', 'throttle'] as const) {
        if (pending[fault] > 0) {
          pending[fault] -= 1;
          return fault;
        }
      }
      return undefined;
    },
  };
}
