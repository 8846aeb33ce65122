import type { AlertCandidate } from '../alerts/alert.js';
import { utcMinute } from '../period.js';

/** How fresh one source's usage is: complete up to `usageThrough` (UTC epoch seconds). */
export interface SourceReport {
  source: string;
  /** `null` before its first collection (nothing to miss yet). */
  usageThrough: number | null;
}

/**
 * Sources that stopped reporting: usage not complete past `now - afterMinutes`. Their gap is
 * unknown, never zero spend, so the spend rules leave them out until they report again (see
 * `staleSources`). One alert per source for the platform owner (`unallocated`: the default
 * channel), fingerprint `no_data|<source>`; it resolves once the source catches up.
 */
export function noDataRule({
  sources,
  now,
  afterMinutes,
}: {
  sources: readonly SourceReport[];
  now: number;
  afterMinutes: number;
}): AlertCandidate[] {
  return staleSources(sources, now, afterMinutes).map(({ source, usageThrough }) => {
    const hours = Math.floor((now - usageThrough) / 3_600);
    const since = utcMinute(usageThrough);
    return {
      fingerprint: `no_data|${source}`,
      rule: 'no_data',
      team: 'unallocated',
      severity: hours >= 24 ? 'critical' : 'warning',
      title: `${source} has reported no usage for ${hours} h`,
      summary: `The last complete ${source} usage is through ${since}. Until it reports again its spend is unknown (not $0), and the spend rules leave it out.`,
      details: { source, usageThrough, hours },
      view: {
        facts: [
          { label: 'Usage through', value: since },
          { label: 'Silent for', value: `${hours} h` },
        ],
        next: `Run \`ai-spend collect --source ${source}\` and read its error: a revoked key or a missing permission is named there.`,
      },
      magnitude: hours,
      observedAt: usageThrough,
    };
  });
}

/** The sources whose usage is older than `afterMinutes` at `now` (never-collected ones are not). */
export function staleSources(
  sources: readonly SourceReport[],
  now: number,
  afterMinutes: number,
): Array<{ source: string; usageThrough: number }> {
  return sources.flatMap(({ source, usageThrough }) =>
    usageThrough !== null && now - usageThrough > afterMinutes * 60 ? [{ source, usageThrough }] : [],
  );
}
