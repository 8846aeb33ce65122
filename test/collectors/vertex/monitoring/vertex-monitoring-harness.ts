import type { CollectProgress, FactSink } from '../../../../src/collectors/collector.js';
import {
  collectVertexMonitoring,
  type VertexMonitoringContext,
} from '../../../../src/collectors/vertex/monitoring/collect-vertex-monitoring.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import type { MonitoringSim } from '../../../../src/sim/google/monitoring/server.js';
import { monitoringClient, NOW, PROJECTS } from '../../../sim/google/monitoring/monitoring-harness.js';
import type { MemorySink } from '../../../support/memory-sink.js';

/** One pass over the 3 demo projects at `NOW`: 3 days of usage, 1 day of metric points. */
export function collect(
  sim: MonitoringSim,
  sink: FactSink,
  options: Partial<VertexMonitoringContext> & {
    now?: number;
    since?: number;
    onProgress?: (progress: CollectProgress) => void;
  } = {},
) {
  const { now = NOW, since, onProgress, ...context } = options;
  return collectVertexMonitoring(
    { client: monitoringClient(sim), projects: PROJECTS, backfillDays: 3, lookbackMinutes: 10, ...context },
    { now, sink, ...(since === undefined ? {} : { since }), ...(onProgress ? { onProgress } : {}) },
  );
}

/** The `AiSpendError` a promise rejects with; anything else fails the test. */
export async function failure(promise: Promise<unknown>): Promise<AiSpendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AiSpendError)) throw new Error(`expected an AiSpendError, got ${String(error)}`);
  return error;
}

/** Stored metric points of one metric and stat. */
export const pointsOf = (sink: MemorySink, metric: string, stat: string) =>
  [...sink.metrics.values()].filter((point) => point.metric === metric && point.stat === stat);
