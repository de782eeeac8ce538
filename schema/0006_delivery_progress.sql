-- 0006: how far delivery has planned. One row: the moment up to which every
-- notification the timeline planned was written to the outbox (sent,
-- skipped by catch-up or dead-lettered). A delivery pass plans from there (or
-- from the catch-up window before its own moment, whichever is earlier) to
-- its own moment, instead of from the day the first plan was issued; the
-- outbox's unique key keeps what was written once from being written again.
-- No row: nothing planned yet, the first pass plans from the first plan's
-- issue day.

CREATE TABLE delivery_progress (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    planned_through TEXT    NOT NULL   -- "2026-12-01T08:00:00+07:00"
);
