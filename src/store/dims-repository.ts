import type Database from 'better-sqlite3';
import type { Attribution } from '../core/attribution/attribute.js';
import type { FactDimensions } from '../core/facts.js';

const PLAIN_FIELDS = [
  'accountId',
  'workspaceId',
  'projectId',
  'apiKeyId',
  'userId',
  'model',
  'region',
  'serviceTier',
  'contextWindow',
  'inferenceGeo',
  'inferenceProfile',
  'deployment',
] as const;

type Attribute = (dims: FactDimensions) => Attribution;

/** The billing scope a fact belongs to: billed amounts are split over usage in the same scope. */
export function billingScope(dims: FactDimensions): string {
  // An explicit scope (Bedrock's cost allocation tag) replaces the account: Cost Explorer lines grouped
  // by tag carry no account, and must meet the usage of every account with the same tag value.
  if (dims.billingScope !== undefined) return `${dims.source}|${dims.billingScope}`;
  return `${dims.source}|${dims.accountId ?? ''}|${dims.workspaceId ?? dims.projectId ?? ''}`;
}

const SEPARATOR = '\u001f';

function canonicalKey(d: FactDimensions): string {
  // Written out field by field: this runs once per fact on the ingest path.
  let key = `${d.source}\u001f${d.accountId ?? ''}\u001f${d.workspaceId ?? ''}\u001f${d.projectId ?? ''}\u001f${d.apiKeyId ?? ''}\u001f${d.userId ?? ''}\u001f${d.model ?? ''}\u001f${d.region ?? ''}\u001f${d.serviceTier ?? ''}\u001f${d.contextWindow ?? ''}\u001f${d.inferenceGeo ?? ''}\u001f${d.inferenceProfile ?? ''}\u001f${d.deployment ?? ''}`;
  if (d.tags !== undefined) key += `${SEPARATOR}${sortedEntries(d.tags)}`;
  if (d.labels !== undefined) key += `${SEPARATOR}labels${sortedEntries(d.labels)}`;
  if (d.billingScope !== undefined) key += `${SEPARATOR}scope${d.billingScope}`;
  return key;
}

function sortedEntries(record: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface DimsRepository {
  /** The id of these dimensions, inserted (and attributed) on first sight. */
  idFor(dims: FactDimensions): number;
  /** Forgets ids learnt in a transaction that was rolled back. */
  discardCache(): void;
  /** Re-resolves every row with new rules; returns how many rows changed team or feature. */
  reattribute(attribute: Attribute): number;
}

export function createDimsRepository(db: Database.Database, attribute: Attribute): DimsRepository {
  const ids = new Map<string, number>();
  const find = db.prepare<[string], number>('SELECT id FROM dims WHERE key = ?').pluck();
  const insert = db.prepare(`INSERT INTO dims (key, source, scope, account_id, workspace_id, project_id,
      api_key_id, user_id, model, region, service_tier, context_window, inference_geo, inference_profile,
      deployment, tags, labels, team, feature, rule_index)
    VALUES (@key, @source, @scope, @accountId, @workspaceId, @projectId, @apiKeyId, @userId, @model, @region,
      @serviceTier, @contextWindow, @inferenceGeo, @inferenceProfile, @deployment, @tags, @labels, @team,
      @feature, @ruleIndex)`);
  let current = attribute;

  return {
    idFor(dims) {
      const key = canonicalKey(dims);
      const cached = ids.get(key);
      if (cached !== undefined) return cached;
      let id = find.get(key);
      if (id === undefined) {
        const { team, feature, ruleIndex } = current(dims);
        const row: Record<string, unknown> = { key, source: dims.source, scope: billingScope(dims) };
        for (const field of PLAIN_FIELDS) row[field] = dims[field] || null;
        row.tags = dims.tags ? JSON.stringify(dims.tags) : null;
        row.labels = dims.labels ? JSON.stringify(dims.labels) : null;
        Object.assign(row, { team, feature, ruleIndex });
        id = Number(insert.run(row).lastInsertRowid);
      }
      ids.set(key, id);
      return id;
    },

    discardCache() {
      ids.clear();
    },

    reattribute(attribute) {
      current = attribute;
      const update = db.prepare('UPDATE dims SET team = ?, feature = ?, rule_index = ? WHERE id = ?');
      let changed = 0;
      db.transaction(() => {
        for (const row of db.prepare('SELECT * FROM dims').all() as DimsRow[]) {
          const next = attribute(dimsFromRow(row));
          if (next.team === row.team && next.feature === row.feature && next.ruleIndex === row.rule_index)
            continue;
          update.run(next.team, next.feature, next.ruleIndex, row.id);
          if (next.team !== row.team || next.feature !== row.feature) changed += 1;
        }
      })();
      return changed;
    },
  };
}

export interface DimsRow {
  id: number;
  source: string;
  scope: string;
  account_id: string | null;
  workspace_id: string | null;
  project_id: string | null;
  api_key_id: string | null;
  user_id: string | null;
  model: string | null;
  region: string | null;
  service_tier: string | null;
  context_window: string | null;
  inference_geo: string | null;
  inference_profile: string | null;
  deployment: string | null;
  tags: string | null;
  labels: string | null;
  team: string;
  feature: string;
  rule_index: number;
}

export function dimsFromRow(row: DimsRow): FactDimensions {
  const dims: Record<string, unknown> = { source: row.source };
  const columns: Record<(typeof PLAIN_FIELDS)[number], string | null> = {
    accountId: row.account_id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    apiKeyId: row.api_key_id,
    userId: row.user_id,
    model: row.model,
    region: row.region,
    serviceTier: row.service_tier,
    contextWindow: row.context_window,
    inferenceGeo: row.inference_geo,
    inferenceProfile: row.inference_profile,
    deployment: row.deployment,
  };
  for (const field of PLAIN_FIELDS) if (columns[field] !== null) dims[field] = columns[field];
  if (row.tags !== null) dims.tags = JSON.parse(row.tags);
  if (row.labels !== null) dims.labels = JSON.parse(row.labels);
  return dims as unknown as FactDimensions;
}
