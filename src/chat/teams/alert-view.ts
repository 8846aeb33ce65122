import type Database from 'better-sqlite3';
import type { Alert } from '../../core/alerts/alert.js';
import { alertBatchMessage, alertMessage } from '../../core/alerts/alert-message.js';
import type { MessageView } from '../../core/views/message-view.js';
import { alertFreshness } from '../../jobs/alert-freshness.js';
import { createAlertStore } from '../../store/alert-store.js';
import { createSignalQueries } from '../../store/signal-queries.js';

/**
 * The message of one alert, or of a batch, as it stands now (state, who acted): what an alert
 * card shows after a press. `undefined` when none of the alerts exists any more.
 */
export function alertView(
  db: Database.Database,
  alertIds: readonly number[],
  now: number,
): MessageView | undefined {
  const store = createAlertStore(db);
  const alerts = alertIds.map((id) => store.get(id)).filter((alert): alert is Alert => alert !== undefined);
  const [first] = alerts;
  if (first === undefined) return undefined;
  const freshness = alertFreshness(first, createSignalQueries(db).metricsThrough('bedrock'), now);
  return alertIds.length > 1 ? alertBatchMessage(alerts, { freshness }) : alertMessage(first, { freshness });
}
