-- 0008: each agency's own copy of a notification. A reminder, review
-- reminder or escalation carries, for each agency it goes to, that agency's
-- own answer link (and a cooperating agency's copy its own wording), so the
-- copies differ. The notification row keeps the addressee's copy, and its
-- answer link; a row here holds the bodies of one other agency's copy, the
-- agency named as its deliveries name it. An agency with no row here gets
-- the notification's own bodies. The subject, headers and webhook body are
-- shared; a webhook copy takes its text and answer link from here.

CREATE TABLE notification_copies (
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    agency          TEXT    NOT NULL,            -- deliveries.agency
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    answer_url      TEXT    NOT NULL DEFAULT '', -- this agency's answer link; '' for none
    PRIMARY KEY (notification_id, agency)
);

ALTER TABLE notifications ADD COLUMN answer_url TEXT NOT NULL DEFAULT '';  -- the addressee's answer link; '' for none
