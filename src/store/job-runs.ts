import type Database from 'better-sqlite3';

/**
 * Runs a job and records it in job_runs: when it started and ended, how it went and its summary.
 * A job that throws is recorded as failed and the error is passed on.
 */
/** When `job` last started a run that ended ok, before `before`; `null` when it never did. */
export function lastOkRun(db: Database.Database, job: string, before: number): number | null {
  const started = db
    .prepare("SELECT max(started_at) FROM job_runs WHERE job = ? AND status = 'ok' AND started_at < ?")
    .pluck()
    .get(job, before) as number | null | undefined;
  return started ?? null;
}

export async function recordJobRun<T>(
  db: Database.Database,
  job: string,
  startedAt: number,
  run: () => Promise<{ status: 'ok' | 'partial' | 'failed'; summary: T }>,
  clock: () => number = () => Math.floor(Date.now() / 1000),
): Promise<T> {
  const id = Number(
    db.prepare("INSERT INTO job_runs (job, started_at, status) VALUES (?, ?, 'running')").run(job, startedAt)
      .lastInsertRowid,
  );
  const finish = db.prepare('UPDATE job_runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?');
  try {
    const { status, summary } = await run();
    finish.run(clock(), status, JSON.stringify(summary), id);
    return summary;
  } catch (error) {
    finish.run(clock(), 'failed', JSON.stringify({ error: String(error) }), id);
    throw error;
  }
}
