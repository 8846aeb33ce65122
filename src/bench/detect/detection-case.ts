/**
 * A labelled detection scenario: a generated series with known incidents (or none, a quiet control),
 * replayed through one rule on a simulated clock. The suite scores every rule the same way.
 */
export interface DetectionCase {
  /** Unique and descriptive, e.g. `cost_anomaly/level-shift/noise-20%/team-3`. */
  name: string;
  /** The alert rule under test (`AlertRule`). */
  rule: string;
  /** What the case exercises: `level-shift`, `spike`, `ramp`, `seasonality`, `holiday`, `missing-data`, `noise-high`, `quiet`… */
  tags: readonly string[];
  /** When each labelled incident began (UTC epoch seconds); empty for a quiet control series. */
  incidents: ReadonlyArray<{ at: number; label: string }>;
  /** An alert fired within this many seconds after an incident began detects it. */
  detectWithinSeconds: number;
  /** Simulated time the replay evaluated, seconds: with `teams`, the exposure for false alerts. */
  evaluatedSeconds: number;
  /** Teams whose series the case holds (false alerts are reported per team per week). */
  teams: number;
  /**
   * Steps a simulated clock over the evaluated span at the rule's evaluation interval, calling the
   * rule with only the data available at each step, and returns when each distinct alert
   * (fingerprint) first fired.
   */
  replay(): Array<{ fingerprint: string; firstAt: number }>;
}
