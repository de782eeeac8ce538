-- 0010: each answer sent from a form carries the submission identifier the
-- form was rendered with, so that the same form sent twice (a double click,
-- a browser resending after a lost connection) is recorded once. NULL for
-- answers from the API and the command line.

ALTER TABLE answers ADD COLUMN submission TEXT;

CREATE UNIQUE INDEX answers_by_submission ON answers (submission) WHERE submission IS NOT NULL;
