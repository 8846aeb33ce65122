import { afterEach, describe, expect, it } from 'vitest';
import { compileAttribution } from '../../../../src/core/attribution/attribute.js';
import { createPriceBook } from '../../../../src/core/pricing/price-book.js';
import { VERTEX_WORKLOADS } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';
import { createDimsRepository } from '../../../../src/store/dims-repository.js';
import { createFactSink } from '../../../../src/store/fact-sink.js';
import { openDatabase } from '../../../../src/store/open-database.js';
import {
  DAY,
  hourSums,
  MINUTE,
  NOW,
  sims,
  startSim,
} from '../../../sim/google/monitoring/monitoring-harness.js';
import { collect } from './vertex-monitoring-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

function store() {
  const db = openDatabase({ path: ':memory:' });
  const dims = createDimsRepository(db, compileAttribution([]));
  const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => NOW });
  return { db, sink };
}

describe('collectUsageStreams into the store', () => {
  it('stores 216 hourly rows priced from the catalog by model id, and still 216 after a re-poll', async () => {
    const sim = await startSim();
    const { db, sink } = store();
    await collect(sim, sink);
    const rows = () =>
      db
        .prepare(
          `SELECT d.model AS model, d.project_id AS project, u.price_status AS status, count(*) AS hours,
             sum(u.output) AS output, min(u.estimated_micros) AS cheapest
           FROM usage_facts u JOIN dims d ON d.id = u.dim_id WHERE d.source = 'vertex' GROUP BY 1, 2, 3 ORDER BY 1`,
        )
        .all() as Array<{
        model: string;
        project: string;
        status: string;
        hours: number;
        output: number;
        cheapest: number;
      }>;
    const first = rows();
    expect(first.map(({ model, project, status, hours }) => [model, project, status, hours])).toEqual([
      ['claude-sonnet-4-5@20250929', 'acme-platform-prod', 'priced', 72],
      ['gemini-2.5-flash', 'acme-mobile-prod', 'priced', 72],
      ['gemini-2.5-pro', 'acme-growth-prod', 'priced', 72],
    ]);
    expect(first.every((row) => row.cheapest > 0)).toBe(true);
    expect(first.reduce((sum, row) => sum + row.output, 0)).toBe(
      hourSums(VERTEX_WORKLOADS, NOW - 3 * DAY, NOW).output,
    );
    await collect(sim, sink, { now: NOW + 7 * MINUTE });
    expect(rows()).toEqual(first);
    const cursor = db.prepare("SELECT position FROM cursors WHERE source = 'vertex' AND stream = ?").pluck();
    expect(cursor.get('usage:acme-platform-prod')).toBe(NOW);
    expect(cursor.get('metrics:acme-platform-prod')).toBe(NOW + 7 * MINUTE);
  });
});
