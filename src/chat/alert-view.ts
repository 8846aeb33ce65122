import type Database from 'better-sqlite3';
import type { Alert } from '../core/alerts/alert.js';
import { alertBatchMessage, alertMessage } from '../core/alerts/alert-message.js';
import type { MessageView } from '../core/views/message-view.js';
import { alertFreshness } from '../jobs/alert-freshness.js';
import { createAlertStore } from '../store/alert-store.js';
import { createSignalQueries } from '../store/signal-queries.js';

/**
 * The alerts behind a message and the message as it stands now (state, who acted): one alert's, or
 * a batch's when several ids are given. What a post shows after a button press, on Slack and
 * Teams alike. `undefined` when none of the alerts exists any more.
 */
export function alertsNow(
  db: Database.Database,
  alertIds: readonly number[],
  now: number,
): { alerts: Alert[]; view: MessageView } | undefined {
  const store = createAlertStore(db);
  const alerts = alertIds.map((id) => store.get(id)).filter((alert): alert is Alert => alert !== undefined);
  const [first] = alerts;
  if (first === undefined) return undefined;
  const freshness = alertFreshness(first, createSignalQueries(db).metricsThrough('bedrock'), now);
  const view =
    alertIds.length > 1 ? alertBatchMessage(alerts, { freshness }) : alertMessage(first, { freshness });
  return { alerts, view };
}

/** The message of one alert, or of a batch, as it stands now (see `alertsNow`). */
export function alertView(
  db: Database.Database,
  alertIds: readonly number[],
  now: number,
): MessageView | undefined {
  return alertsNow(db, alertIds, now)?.view;
}
