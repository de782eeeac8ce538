-- 0001: plans, their tasks, the agencies named in each task, and the history
-- of every change an import made. Dates are ISO 8601 text (Asia/Ho_Chi_Minh).

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    number        TEXT    NOT NULL,          -- "90/KH-UBND"
    year          INTEGER NOT NULL,          -- year of issue: with number, the plan's identity
    issued_on     TEXT,                      -- "2026-03-20"
    title         TEXT    NOT NULL,          -- the appendix heading
    source_name   TEXT    NOT NULL,          -- file name of the last import
    imported_at   TEXT    NOT NULL,
    UNIQUE (number, year)
);

CREATE TABLE tasks (
    id                  INTEGER PRIMARY KEY,
    plan_id             INTEGER NOT NULL REFERENCES plans (id),
    code                TEXT    NOT NULL,    -- "I.3", "I.9.2", "II.5.13"
    position            INTEGER NOT NULL,    -- order in the document
    section_title       TEXT    NOT NULL,
    group_title         TEXT,                -- the solution group inside section II, if any
    title               TEXT    NOT NULL,
    product             TEXT    NOT NULL,
    deadline_text       TEXT    NOT NULL,    -- as written
    deadline_kind       TEXT    NOT NULL CHECK (deadline_kind IN ('fixed', 'period', 'recurring', 'undetermined')),
    deadline_due        TEXT,                -- the date the text names, before any holiday shift
    deadline_recurrence TEXT CHECK (deadline_recurrence IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
    deadline_first_year INTEGER,             -- the first year of a period ("Giai đoạn 2026 – 2030")
    precondition        TEXT,                -- the "sau khi …" clause, if any
    removed_at          TEXT,                -- set when an amendment drops the task; history stays
    UNIQUE (plan_id, code)
);

CREATE TABLE task_agencies (
    task_id  INTEGER NOT NULL REFERENCES tasks (id),
    role     TEXT    NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL,               -- canonical name, or as written when unknown
    known    INTEGER NOT NULL CHECK (known IN (0, 1)),  -- found in the agency directory
    PRIMARY KEY (task_id, role, position)
);

CREATE TABLE task_changes (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    changed_at TEXT    NOT NULL,
    change     TEXT    NOT NULL CHECK (change IN ('added', 'changed', 'removed', 'restored')),
    detail     TEXT    NOT NULL              -- which fields changed, old and new values
);

CREATE INDEX task_changes_by_task ON task_changes (task_id, id);
CREATE INDEX tasks_by_due ON tasks (deadline_due) WHERE removed_at IS NULL;
