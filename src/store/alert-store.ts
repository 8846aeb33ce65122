import type Database from 'better-sqlite3';
import {
  ALERT_RULES,
  type Alert,
  type AlertAction,
  type AlertCandidate,
  type AlertEventKind,
  type AlertRule,
} from '../core/alerts/alert.js';
import { type ActionOutcome, applyAction } from '../core/alerts/apply-action.js';
import { isMateriallyWorse, notified } from '../core/alerts/material-change.js';
import { type ReconcileOptions, reconcile } from '../core/alerts/reconcile.js';
import { type AlertRow, OPTIONAL, storedDetails, toAlert } from './alert-rows.js';

/** What one rule pass did to the stored alerts. */
export interface RecordResult {
  opened: Alert[];
  /** Resolved alerts whose condition came back (same fingerprint). */
  reopened: Alert[];
  /** Snoozed alerts whose snooze ended while their condition still fires. */
  woke: Alert[];
  resolved: Alert[];
  /** Open or acknowledged alerts whose condition escalated or grew materially: people hear again. */
  worsened: Alert[];
  /** Alerts the pass looked at without changing their state (quiet reopenings included). */
  unchanged: number;
}

/** One line of an alert's history. */
export interface AlertEvent {
  kind: AlertEventKind;
  actor: string | null;
  at: number;
  detail: string | null;
}

export interface RecordOptions extends ReconcileOptions {
  /** The rules that ran this pass: only their alerts may resolve. Default: every rule. */
  rules?: readonly AlertRule[];
}

/**
 * Alerts and their history. Every write runs in an immediate transaction, so a rule pass and a
 * button press from another process never interleave; the same fingerprint is one alert forever.
 */
export function createAlertStore(db: Database.Database) {
  const byFingerprint = db.prepare('SELECT * FROM alerts WHERE fingerprint = ?');
  const byId = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const active = db.prepare("SELECT * FROM alerts WHERE state != 'resolved' ORDER BY id");
  const insert = db.prepare(`INSERT INTO alerts (fingerprint, rule, team, severity, state, title, summary,
      details, observed_at, opened_at, open_since, updated_at, last_firing_at, notified_magnitude,
      notified_severity)
    VALUES (@fingerprint, @rule, @team, @severity, 'open', @title, @summary, @details, @observedAt,
      @now, @now, @now, @now, @magnitude, @severity)`);
  const update = db.prepare(`UPDATE alerts SET team = @team, severity = @severity, state = @state,
      title = @title, summary = @summary, details = @details, observed_at = @observedAt,
      opened_at = @openedAt, open_since = @openSince, updated_at = @updatedAt,
      last_firing_at = @lastFiringAt, snoozed_until = @snoozedUntil, resolved_at = @resolvedAt,
      acknowledged_by = @acknowledgedBy, acknowledged_at = @acknowledgedAt,
      expected_reason = @expectedReason, expected_by = @expectedBy, expected_until = @expectedUntil,
      escalated_at = @escalatedAt, notified_magnitude = @notifiedMagnitude,
      notified_severity = @notifiedSeverity
    WHERE id = @id`);
  const addEvent = db.prepare(
    'INSERT INTO alert_events (alert_id, kind, actor, at, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const eventsOf = db.prepare(
    'SELECT kind, actor, at, detail FROM alert_events WHERE alert_id = ? ORDER BY id',
  );
  const listed = db.prepare(`SELECT * FROM alerts
    WHERE state != 'resolved' OR (resolved_at >= ? AND resolved_at < ?) ORDER BY id`);
  const openedIn = db.prepare(`SELECT * FROM alerts WHERE rule = ? AND opened_at >= ? AND opened_at < ?
    ORDER BY id`);
  const escalationDue = db.prepare(`SELECT * FROM alerts WHERE rule = 'quota' AND state = 'open'
      AND escalated_at IS NULL AND open_since <= ? ORDER BY id`);
  const escalate = db.prepare(
    'UPDATE alerts SET escalated_at = ?, updated_at = ? WHERE id = ? AND escalated_at IS NULL',
  );

  const save = (alert: Alert) => {
    update.run({
      ...Object.fromEntries(Object.keys(OPTIONAL).map((key) => [key, null])),
      ...alert,
      details: JSON.stringify(alert.details),
    });
  };
  const get = (id: number): Alert | undefined => {
    const row = byId.get(id) as AlertRow | undefined;
    return row ? toAlert(row) : undefined;
  };

  const record = db.transaction(
    (candidates: readonly AlertCandidate[], now: number, options: RecordOptions): RecordResult => {
      const { rules = ALERT_RULES } = options;
      const result: RecordResult = {
        opened: [],
        reopened: [],
        woke: [],
        resolved: [],
        worsened: [],
        unchanged: 0,
      };
      const firing = new Map(candidates.map((candidate) => [candidate.fingerprint, candidate]));
      const implied = new Set(candidates.flatMap((candidate) => candidate.implies ?? []));
      for (const candidate of firing.values()) {
        const row = byFingerprint.get(candidate.fingerprint) as AlertRow | undefined;
        const fields = {
          severity: candidate.severity,
          title: candidate.title,
          summary: candidate.summary,
          details: storedDetails(candidate),
          observedAt: candidate.observedAt,
        };
        if (row === undefined) {
          const id = Number(
            insert.run({
              ...candidate,
              ...fields,
              details: JSON.stringify(fields.details),
              magnitude: candidate.magnitude ?? null,
              now,
            }).lastInsertRowid,
          );
          addEvent.run(id, 'opened', null, now, null);
          result.opened.push(get(id) as Alert);
          continue;
        }
        const before = toAlert(row);
        const { alert, event } = reconcile(before, true, now, options);
        const worse = event === undefined && isMateriallyWorse(alert, candidate);
        // A reopened alert belongs to whoever owns the condition now; an open one keeps its team.
        save({
          ...alert,
          ...fields,
          ...(event === 'reopened' ? { team: candidate.team } : {}),
          ...(event === 'reopened' || worse ? notified(candidate) : {}),
        });
        if (event) addEvent.run(row.id, event, null, now, null);
        if (worse)
          addEvent.run(row.id, 'worsened', null, now, candidate.magnitude?.toString() ?? candidate.severity);
        const saved = get(row.id) as Alert;
        if (event === 'reopened' && saved.state === 'open') result.reopened.push(saved);
        else if (event === 'woke') result.woke.push(saved);
        else if (worse) result.worsened.push(saved);
        else result.unchanged += 1;
      }
      for (const row of active.all() as AlertRow[]) {
        if (firing.has(row.fingerprint) || !rules.includes(row.rule)) continue;
        const { alert, event } = reconcile(toAlert(row), implied.has(row.fingerprint), now, options);
        save(alert);
        if (event) addEvent.run(row.id, event, null, now, null);
        if (event === 'resolved') result.resolved.push(alert);
        else if (event === 'woke') result.woke.push(alert);
        else result.unchanged += 1;
      }
      return result;
    },
  );

  const act = db.transaction(
    (alertId: number, action: AlertAction, actor: string, now: number): ActionOutcome | undefined => {
      const alert = get(alertId);
      if (alert === undefined) return undefined;
      const outcome = applyAction(alert, action, actor, now);
      if (outcome.changed && outcome.event) {
        save(outcome.alert);
        addEvent.run(alertId, outcome.event.kind, actor, now, outcome.event.detail ?? null);
      }
      return outcome;
    },
  );

  const insertPast =
    db.prepare(`INSERT OR IGNORE INTO alerts (fingerprint, rule, team, severity, state, title,
      summary, details, observed_at, opened_at, open_since, updated_at, last_firing_at, resolved_at,
      notified_severity)
    VALUES (@fingerprint, @rule, @team, @severity, 'resolved', @title, @summary, @details, @observedAt,
      @openedAt, @openedAt, @resolvedAt, @openedAt, @resolvedAt, @severity)`);
  const recordPast = db.transaction((candidate: AlertCandidate, openedAt: number, resolvedAt: number) => {
    const inserted = insertPast.run({
      ...candidate,
      details: JSON.stringify(storedDetails(candidate)),
      openedAt,
      resolvedAt,
    });
    if (inserted.changes === 0) return false;
    const id = Number(inserted.lastInsertRowid);
    addEvent.run(id, 'opened', null, openedAt, 'found in history: no pass ran then');
    addEvent.run(id, 'resolved', null, resolvedAt, null);
    return true;
  });

  const markEscalated = db.transaction((id: number, now: number): boolean => {
    if (escalate.run(now, now, id).changes === 0) return false;
    addEvent.run(id, 'escalated', null, now, null);
    return true;
  });

  return {
    /**
     * Records one pass of the rules: `candidates` are every condition firing now. New fingerprints
     * open alerts, known ones are kept alive (a resolved one reopens, an expired snooze wakes), and
     * the alerts of `rules` not firing resolve once absent for `resolveAfterMinutes`.
     */
    record: (candidates: readonly AlertCandidate[], now: number, options: RecordOptions) =>
      record.immediate(candidates, now, options),
    /**
     * A person's action on an alert, recorded as an event when it changed something (a second press
     * changes nothing and records nothing). `undefined` for an unknown alert id.
     */
    act: (alertId: number, action: AlertAction, actor: string, now: number) =>
      act.immediate(alertId, action, actor, now),
    get,
    /** Every alert not resolved, oldest first. */
    open: (): Alert[] => (active.all() as AlertRow[]).map(toAlert),
    /** Open, unacknowledged quota alerts open for `afterMinutes` or more and not escalated yet. */
    dueForEscalation: (now: number, afterMinutes: number): Alert[] =>
      (escalationDue.all(now - afterMinutes * 60) as AlertRow[]).map(toAlert),
    /**
     * Records a condition that fired while no pass ran (found later in the data) as an alert that
     * opened and resolved then, so later passes know it; nothing is posted. `false` if known.
     */
    recordPast: (candidate: AlertCandidate, openedAt: number, resolvedAt: number): boolean =>
      recordPast.immediate(candidate, openedAt, resolvedAt),
    /** Marks an alert escalated once; `false` when it already was. */
    markEscalated: (id: number, now: number): boolean => markEscalated.immediate(id, now),
    /** Every alert not resolved, and those resolved within `[start, end)`. */
    notResolvedOrResolvedIn: (start: number, end: number): Alert[] =>
      (listed.all(start, end) as AlertRow[]).map(toAlert),
    /** A rule's alerts opened (or reopened) within `[start, end)`. */
    openedIn: (rule: AlertRule, start: number, end: number): Alert[] =>
      (openedIn.all(rule, start, end) as AlertRow[]).map(toAlert),
    events: (alertId: number): AlertEvent[] => eventsOf.all(alertId) as AlertEvent[],
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
