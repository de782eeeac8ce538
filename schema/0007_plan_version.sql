-- A counter of the changes to what the daemon holds in memory (the plan
-- snapshot): plans, tasks, their agencies and status changes. Every write to
-- those tables bumps it, whichever process makes it (an import, `nhacviec
-- status`, the API), so the daemon notices a change by reading one row, after
-- SQLite's PRAGMA data_version says another connection wrote.

CREATE TABLE plan_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO plan_version (id, version) VALUES (1, 0);

CREATE TRIGGER plans_inserted AFTER INSERT ON plans BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER plans_updated AFTER UPDATE ON plans BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER plans_deleted AFTER DELETE ON plans BEGIN UPDATE plan_version SET version = version + 1; END;

CREATE TRIGGER tasks_inserted AFTER INSERT ON tasks BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER tasks_updated AFTER UPDATE ON tasks BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER tasks_deleted AFTER DELETE ON tasks BEGIN UPDATE plan_version SET version = version + 1; END;

CREATE TRIGGER task_agencies_inserted AFTER INSERT ON task_agencies BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER task_agencies_updated AFTER UPDATE ON task_agencies BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER task_agencies_deleted AFTER DELETE ON task_agencies BEGIN UPDATE plan_version SET version = version + 1; END;

CREATE TRIGGER status_changes_inserted AFTER INSERT ON status_changes BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER status_changes_updated AFTER UPDATE ON status_changes BEGIN UPDATE plan_version SET version = version + 1; END;
CREATE TRIGGER status_changes_deleted AFTER DELETE ON status_changes BEGIN UPDATE plan_version SET version = version + 1; END;
