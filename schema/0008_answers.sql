-- 0008: what the agencies answer about their tasks (domain guide §7), kept
-- as a history: every answer adds a row and nothing is overwritten but the
-- decision columns, which the monitoring agency's decision fills once.
--
-- kind: 'progress' (a note), 'completion' (the day the work was done and the
-- agency's report document, số/ký hiệu and date, often with its file),
-- 'extension' (đề nghị gia hạn: a proposed date and the reason), 'waiting'
-- (on the task's precondition), 'note' (all a cooperating agency may add).
-- A completion waits for confirmation ('awaiting') until it is 'confirmed'
-- or 'returned'; an extension request is 'open' until 'approved' or
-- 'refused'. Other kinds have no decision.

CREATE TABLE answers (
    id                  INTEGER PRIMARY KEY,
    task_id             INTEGER NOT NULL REFERENCES tasks (id),
    period              TEXT    NOT NULL DEFAULT '',  -- '' for the task as a whole; "2026-Q3", "2027-H1", "2027", "2026-07"
    agency              TEXT    NOT NULL CHECK (agency <> ''),  -- canonical name
    kind                TEXT    NOT NULL CHECK (kind IN ('progress', 'completion', 'extension', 'waiting', 'note')),
    note                TEXT    NOT NULL DEFAULT '',
    done_on             TEXT,   -- completion: the day the work was done
    document_number     TEXT,   -- completion: số/ký hiệu, e.g. "125/BC-STC"
    document_date       TEXT,   -- completion: ngày ban hành
    report_path         TEXT,   -- completion: the stored file, "reports/SHA256.pdf" under the state directory
    report_name         TEXT,   -- its original file name
    report_size         INTEGER CHECK (report_size IS NULL OR report_size >= 0),
    report_sha256       TEXT    CHECK (report_sha256 IS NULL OR length(report_sha256) = 64),
    proposed_due        TEXT,   -- extension: the proposed deadline
    reason              TEXT,   -- extension: why
    via                 TEXT    NOT NULL CHECK (via IN ('link', 'api', 'cli', 'console')),
    client_address      TEXT    NOT NULL DEFAULT '',
    answered_at         TEXT    NOT NULL,  -- "2026-10-05T09:12:00+07:00"
    completion_state    TEXT    CHECK (completion_state IN ('awaiting', 'confirmed', 'returned')),
    extension_state     TEXT    CHECK (extension_state IN ('open', 'approved', 'refused')),
    decided_by          TEXT,
    decided_at          TEXT,
    decision_note       TEXT,
    CHECK ((kind = 'completion') = (completion_state IS NOT NULL)),
    CHECK ((kind = 'extension') = (extension_state IS NOT NULL)),
    CHECK (kind <> 'completion' OR (done_on IS NOT NULL AND document_number IS NOT NULL AND document_date IS NOT NULL)),
    CHECK (kind <> 'extension' OR (proposed_due IS NOT NULL AND reason IS NOT NULL)),
    CHECK ((report_path IS NULL) = (report_sha256 IS NULL) AND (report_path IS NULL) = (report_size IS NULL)),
    CHECK (report_path IS NULL OR kind = 'completion'),
    CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
    CHECK (decided_at IS NULL OR
           COALESCE(completion_state, extension_state) IN ('confirmed', 'returned', 'approved', 'refused'))
);

CREATE INDEX answers_by_task ON answers (task_id, period, id);
-- At most one completion of a task or period awaits confirmation at a time.
CREATE UNIQUE INDEX answers_one_awaiting ON answers (task_id, period) WHERE completion_state = 'awaiting';
CREATE INDEX answers_open_extensions ON answers (task_id, period) WHERE extension_state = 'open';

-- What the agencies answer changes what the daemon holds in memory (a
-- completion awaiting confirmation stops its reminders): it moves the plan's
-- change counter (schema 0007) as status changes do.
CREATE TRIGGER answers_inserted AFTER INSERT ON answers BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER answers_updated AFTER UPDATE ON answers BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER answers_deleted AFTER DELETE ON answers BEGIN UPDATE plan_version SET version = version + 1; END;
