import { allocateProportionally } from './allocate-proportionally.js';
import { modelFamily } from './model-family.js';

/** A billed line of one day, with its billing scope and (where the line names one) its model. */
export interface BilledLine {
  id: number;
  scope: string;
  model: string;
  amountMicros: number;
  /** Where the line goes when no usage in its scope can carry it: the line's own attribution. */
  team: string;
  feature: string;
}

/** Usage of the same day, summed per attribution, that billed lines are split over. */
export interface UsageWeight {
  scope: string;
  model: string;
  team: string;
  feature: string;
  estimatedMicros: number;
  tokens: number;
}

export interface BilledShare {
  billedId: number;
  team: string;
  feature: string;
  model: string;
  micros: number;
}

/**
 * Splits every billed line over the usage inside its billing scope (the same model first, else the
 * whole scope) in proportion to estimated cost, or to tokens where nothing is priced. A line no
 * usage can carry goes whole to its own attribution. Each line's shares add up to its amount
 * exactly, so team totals add up to the invoice to the micro-dollar.
 */
export function splitBilled(lines: readonly BilledLine[], usage: readonly UsageWeight[]): BilledShare[] {
  const byScope = new Map<string, UsageWeight[]>();
  for (const row of usage) {
    const rows = byScope.get(row.scope);
    if (rows === undefined) byScope.set(row.scope, [row]);
    else rows.push(row);
  }
  const shares: BilledShare[] = [];
  for (const line of lines) {
    const inScope = byScope.get(line.scope) ?? [];
    const family = line.model === '' ? '' : modelFamily(line.model);
    const sameModel = family === '' ? [] : inScope.filter((row) => modelFamily(row.model) === family);
    const carriers = sameModel.length > 0 ? sameModel : inScope;
    const weights = pickWeights(carriers);
    if (weights === undefined) {
      shares.push({
        billedId: line.id,
        team: line.team,
        feature: line.feature,
        model: line.model,
        micros: line.amountMicros,
      });
      continue;
    }
    const parts = allocateProportionally(line.amountMicros, weights);
    for (const [index, row] of carriers.entries()) {
      const micros = parts[index] ?? 0;
      if (micros === 0) continue;
      shares.push({ billedId: line.id, team: row.team, feature: row.feature, model: row.model, micros });
    }
  }
  return shares;
}

function pickWeights(rows: readonly UsageWeight[]): number[] | undefined {
  const cost = rows.map((row) => Math.max(0, row.estimatedMicros));
  if (cost.some((value) => value > 0)) return cost;
  const tokens = rows.map((row) => Math.max(0, row.tokens));
  if (tokens.some((value) => value > 0)) return tokens;
  return undefined;
}
