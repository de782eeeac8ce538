-- 0005: the secret calendar addresses. Each agency may have one random token
-- (base64url, 192 bits); its feed is served at /calendar/private/TOKEN.ics to
-- whoever has the address, without a bearer token, as calendar applications
-- cannot send one. Replacing or deleting the row revokes the old address.

CREATE TABLE feed_tokens (
    agency     TEXT PRIMARY KEY,        -- the canonical name in the agency directory
    token      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL            -- "2026-10-15T09:30:00+07:00"
);
