-- 0003: the outbox. A notification that comes due is written here, with its
-- message, before anything is sent; its stable key makes it unique, so it is
-- delivered at most once whatever happens. Each notification fans out into one
-- delivery per channel and address (an email address or a webhook URL), each
-- with its own state and retry schedule, and every attempt is logged. Times
-- are Unix seconds.

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    key           TEXT    NOT NULL UNIQUE,  -- "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính"
    kind          TEXT    NOT NULL CHECK (kind IN ('reminder', 'review', 'escalation', 'digest')),
    task_code     TEXT    NOT NULL,         -- "I.3"; "" for the digest
    agency        TEXT    NOT NULL,         -- the addressee of the identity
    due_at        INTEGER NOT NULL,         -- when the timeline planned it
    created_at    INTEGER NOT NULL,         -- when it was written here
    skipped_because TEXT,                   -- catch-up: why it was recorded but not sent ("superseded by KEY")
    subject       TEXT    NOT NULL DEFAULT '',
    text_body     TEXT    NOT NULL DEFAULT '',
    html_body     TEXT    NOT NULL DEFAULT '',
    mail_to       TEXT    NOT NULL DEFAULT '[]',  -- JSON [{"name", "address"}]: the To header
    mail_cc       TEXT    NOT NULL DEFAULT '[]',  -- JSON [{"name", "address"}]: the Cc header
    payload       TEXT    NOT NULL DEFAULT '',    -- the webhook body (JSON)
    message_id    TEXT    NOT NULL DEFAULT '',    -- "<…@host>"
    thread_id     TEXT    NOT NULL DEFAULT ''     -- "<…@host>": the task's thread; "" for none
);

CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    notification_id  INTEGER NOT NULL REFERENCES notifications (id),
    agency           TEXT    NOT NULL,     -- whose address it is
    channel          TEXT    NOT NULL CHECK (channel IN ('email', 'webhook', 'none')),  -- 'none': the agency has no contact
    address          TEXT    NOT NULL,     -- email address, webhook URL, or '' for 'none'
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'retrying', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    first_attempt_at INTEGER,
    next_attempt_at  INTEGER NOT NULL,     -- pending/retrying: when to try; otherwise when it left that state
    last_error       TEXT    NOT NULL DEFAULT '',
    updated_at       INTEGER NOT NULL,
    UNIQUE (notification_id, channel, address)
);

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('pending', 'retrying');

CREATE TABLE delivery_attempts (
    id          INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('sent', 'retry', 'permanent', 'interrupted', 'undeliverable')),
    detail      TEXT    NOT NULL
);

CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, id);
