-- 0012: the accounts of the monitoring office's console and their sessions.
-- An account has a role: 'admin' (everything, accounts included), 'monitor'
-- (decides on what agencies report, for every plan or only for the plans of
-- account_plans), 'viewer' (reads). Its password is kept only as an argon2id
-- hash in libsodium's string format ("$argon2id$v=19$m=…"). A session is
-- kept by the SHA-256 of its random identifier, never the identifier itself,
-- with its last request; deleting the row ends it.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'monitor', 'viewer')),
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL,   -- "2026-12-05T09:12:00+07:00"
    last_login    TEXT                -- the last successful login; NULL for none
);

-- The plans a monitor is limited to (plan numbers, "90/KH-UBND"); none: every plan.
CREATE TABLE account_plans (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan       TEXT    NOT NULL,
    PRIMARY KEY (account_id, plan)
);

CREATE TABLE console_sessions (
    id_hash     TEXT    PRIMARY KEY,  -- lowercase hex SHA-256 of the session identifier
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,     -- Unix seconds
    last_seen   INTEGER NOT NULL      -- Unix seconds of its last request
);
CREATE INDEX console_sessions_by_account ON console_sessions (account_id);
