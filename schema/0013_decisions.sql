-- 0013: the monitoring agency's decisions (domain guide §7), beyond the
-- decision columns of the answers (0008).
--
-- The outbox takes a sixth kind of notification, 'decision': the message
-- that tells an agency the monitoring agency returned its completion report
-- or refused its extension request, written in the transaction that records
-- the decision (its key names the answer: "90/KH-UBND/2026|I.3|-|decision-17|
-- Sở Tài chính"). As in 0011, the outbox tables are built anew under new
-- names, filled, the old ones dropped (children first) and the new ones
-- renamed, since SQLite cannot change a CHECK constraint in place.
--
-- deadline_changes keeps every move of a task's deadline: an approved
-- extension request ('extension', with its answer) or a deadline set for a
-- task that had none ('set'). The newest row of a task is its deadline from
-- then on; the plan's own deadline text and every earlier row stay on record.
--
-- reminder_pauses keeps every pause and resumption of a task's reminders and
-- escalations; the newest row of a task says whether they are paused.
--
-- Both change what the daemon holds in memory and move the plan's change
-- counter (0007) as status changes do.

CREATE TABLE notifications_new (
    id            INTEGER PRIMARY KEY,
    key           TEXT    NOT NULL,         -- unique among notifications not cancelled (index below)
    kind          TEXT    NOT NULL CHECK (kind IN ('reminder', 'review', 'escalation', 'digest', 'answer', 'decision')),
    task_code     TEXT    NOT NULL,
    agency        TEXT    NOT NULL,
    due_at        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    skipped_because TEXT,
    subject       TEXT    NOT NULL DEFAULT '',
    text_body     TEXT    NOT NULL DEFAULT '',
    html_body     TEXT    NOT NULL DEFAULT '',
    mail_to       TEXT    NOT NULL DEFAULT '[]',
    mail_cc       TEXT    NOT NULL DEFAULT '[]',
    payload       TEXT    NOT NULL DEFAULT '',
    message_id    TEXT    NOT NULL DEFAULT '',
    thread_id     TEXT    NOT NULL DEFAULT '',
    cancelled_because TEXT,                 -- why it no longer holds; NULL while it does
    answer_url    TEXT    NOT NULL DEFAULT ''  -- the addressee's answer link; '' for none
);

CREATE TABLE notification_copies_new (
    notification_id INTEGER NOT NULL REFERENCES notifications_new (id),
    agency          TEXT    NOT NULL,            -- deliveries.agency
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    answer_url      TEXT    NOT NULL DEFAULT '', -- this agency's answer link; '' for none
    PRIMARY KEY (notification_id, agency)
);

CREATE TABLE deliveries_new (
    id               INTEGER PRIMARY KEY,
    notification_id  INTEGER NOT NULL REFERENCES notifications_new (id),
    agency           TEXT    NOT NULL,
    channel          TEXT    NOT NULL CHECK (channel IN ('email', 'webhook', 'none')),
    address          TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'retrying', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    first_attempt_at INTEGER,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT    NOT NULL DEFAULT '',  -- for 'cancelled': why
    updated_at       INTEGER NOT NULL
);

CREATE TABLE delivery_attempts_new (
    id          INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES deliveries_new (id),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('sent', 'retry', 'permanent', 'interrupted', 'undeliverable')),
    detail      TEXT    NOT NULL
);

INSERT INTO notifications_new (id, key, kind, task_code, agency, due_at, created_at, skipped_because, subject,
                               text_body, html_body, mail_to, mail_cc, payload, message_id, thread_id,
                               cancelled_because, answer_url)
    SELECT id, key, kind, task_code, agency, due_at, created_at, skipped_because, subject,
           text_body, html_body, mail_to, mail_cc, payload, message_id, thread_id,
           cancelled_because, answer_url FROM notifications;
INSERT INTO notification_copies_new (notification_id, agency, text_body, html_body, answer_url)
    SELECT notification_id, agency, text_body, html_body, answer_url FROM notification_copies;
INSERT INTO deliveries_new (id, notification_id, agency, channel, address, state, attempts, first_attempt_at,
                            next_attempt_at, last_error, updated_at)
    SELECT id, notification_id, agency, channel, address, state, attempts, first_attempt_at,
           next_attempt_at, last_error, updated_at FROM deliveries;
INSERT INTO delivery_attempts_new (id, delivery_id, started_at, finished_at, outcome, detail)
    SELECT id, delivery_id, started_at, finished_at, outcome, detail FROM delivery_attempts;

DROP TABLE delivery_attempts;
DROP TABLE deliveries;
DROP TABLE notification_copies;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
ALTER TABLE notification_copies_new RENAME TO notification_copies;
ALTER TABLE deliveries_new RENAME TO deliveries;
ALTER TABLE delivery_attempts_new RENAME TO delivery_attempts;

CREATE UNIQUE INDEX notifications_key ON notifications (key) WHERE cancelled_because IS NULL;
CREATE UNIQUE INDEX deliveries_address ON deliveries (notification_id, channel, address) WHERE channel <> 'none';
CREATE UNIQUE INDEX deliveries_unreachable ON deliveries (notification_id, agency) WHERE channel = 'none';
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('pending', 'retrying');
CREATE INDEX deliveries_by_notification ON deliveries (notification_id);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, id);

CREATE TABLE deadline_changes (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    period     TEXT    NOT NULL DEFAULT '',  -- '' for the task as a whole
    old_due    TEXT,                         -- "2026-09-30"; NULL when the task had no deadline
    new_due    TEXT    NOT NULL,             -- "2026-11-30"
    why        TEXT    NOT NULL CHECK (why IN ('extension', 'set')),
    answer_id  INTEGER REFERENCES answers (id),  -- the approved extension request
    note       TEXT    NOT NULL DEFAULT '',
    changed_by TEXT    NOT NULL CHECK (changed_by <> ''),
    changed_at TEXT    NOT NULL,             -- "2026-10-05T09:12:00+07:00"
    CHECK ((why = 'extension') = (answer_id IS NOT NULL))
);
CREATE INDEX deadline_changes_by_task ON deadline_changes (task_id, period, id);

CREATE TABLE reminder_pauses (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    paused     INTEGER NOT NULL CHECK (paused IN (0, 1)),  -- 1: paused from then on; 0: resumed
    note       TEXT    NOT NULL DEFAULT '',
    changed_by TEXT    NOT NULL CHECK (changed_by <> ''),
    changed_at TEXT    NOT NULL
);
CREATE INDEX reminder_pauses_by_task ON reminder_pauses (task_id, id);

CREATE TRIGGER deadline_changes_inserted AFTER INSERT ON deadline_changes BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER deadline_changes_updated AFTER UPDATE ON deadline_changes BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER deadline_changes_deleted AFTER DELETE ON deadline_changes BEGIN UPDATE plan_version SET version = version + 1; END;

CREATE TRIGGER reminder_pauses_inserted AFTER INSERT ON reminder_pauses BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER reminder_pauses_updated AFTER UPDATE ON reminder_pauses BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER reminder_pauses_deleted AFTER DELETE ON reminder_pauses BEGIN UPDATE plan_version SET version = version + 1; END;
