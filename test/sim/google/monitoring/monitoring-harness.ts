import type { MetricServiceClient } from '@google-cloud/monitoring';
import { OAuth2Client } from 'google-auth-library';
import { createMonitoringClient } from '../../../../src/collectors/vertex/monitoring/client.js';
import {
  type MonitoringSim,
  type MonitoringSimOptions,
  startMonitoringSim,
} from '../../../../src/sim/google/monitoring/server.js';
import {
  VERTEX_WORKLOADS,
  type VertexWorkload,
  vertexHour,
} from '../../../../src/sim/scenario/vertex/vertex-workloads.js';

export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;
/** Wednesday 2026-11-25 12:00 UTC: three days back reach into the weekend. */
export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0) / 1000;

export const GROWTH = VERTEX_WORKLOADS[0] as VertexWorkload;
export const MOBILE = VERTEX_WORKLOADS[1] as VertexWorkload;
export const PLATFORM = VERTEX_WORKLOADS[2] as VertexWorkload;
export const PROJECTS = VERTEX_WORKLOADS.map((workload) => workload.project);

export const sims: MonitoringSim[] = [];

export async function startSim(options: Partial<MonitoringSimOptions> = {}): Promise<MonitoringSim> {
  const sim = await startMonitoringSim({ now: NOW, ...options });
  sims.push(sim);
  return sim;
}

/**
 * The real client over loopback REST with a static OAuth token that never expires, so neither
 * application default credentials nor the metadata server are consulted.
 */
export function monitoringClient(sim: Pick<MonitoringSim, 'url'>): MetricServiceClient {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: 'test-token', expiry_date: Date.UTC(2100, 0, 1) });
  return createMonitoringClient({ apiEndpoint: sim.url, authClient });
}

/** `vertexHour` sums of the workloads over the hours of `[start, end)`. */
export function hourSums(workloads: readonly VertexWorkload[], start: number, end: number) {
  const sums = { input: 0, cachedInput: 0, output: 0, requests: 0, throttled: 0 };
  for (const workload of workloads) {
    for (let hour = start; hour < end; hour += HOUR) {
      const one = vertexHour(workload, hour);
      sums.input += one.inputTokens;
      sums.cachedInput += one.cachedInputTokens;
      sums.output += one.outputTokens;
      sums.requests += one.requests;
      sums.throttled += one.throttled;
    }
  }
  return sums;
}
