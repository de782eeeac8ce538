-- 0002: the status of each task, and of each review period of a recurring
-- task, kept as a history: a change adds a row, nothing is overwritten. The
-- current status is the newest row for (task, period).

CREATE TABLE status_changes (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    period     TEXT    NOT NULL DEFAULT '',  -- '' for the task as a whole; "2026-Q3", "2027-H1", "2027", "2026-07"
    action     TEXT    NOT NULL CHECK (action IN ('done', 'in_progress', 'waiting', 'reopen')),
    status     TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'waiting', 'done')),
    done_on    TEXT,                         -- the day the work was done, for 'done'
    note       TEXT    NOT NULL DEFAULT '',
    changed_by TEXT    NOT NULL,
    changed_at TEXT    NOT NULL
);

CREATE INDEX status_changes_by_task ON status_changes (task_id, period, id);
