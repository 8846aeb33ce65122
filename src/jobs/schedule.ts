import cron from 'node-cron';

export interface ScheduledJob {
  name: string;
  /** Five- or six-field cron expression, evaluated in `timezone`. */
  cron: string;
  run: () => Promise<void>;
}

/** Wiring only: runs each job on its cron, never two runs of one job at once. */
export function schedule(jobs: readonly ScheduledJob[], timezone: string): { stop(): Promise<void> } {
  const tasks = jobs.map((job) =>
    cron.schedule(job.cron, () => job.run(), { name: job.name, timezone, noOverlap: true }),
  );
  return {
    stop: async () => {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
