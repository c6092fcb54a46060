-- Hearth on-device schema, version 3: reminders.
--
-- Due dates are worked out from the records and the statutory rules, so
-- only what the carer says about a reminder is stored: that it was done
-- (and on what day), or that it is snoozed until a day. child_id is NULL
-- for the household's own reminders (the annual review, TSD). kind names
-- the series (see app/timetable.go); due_date is the date the reminder was
-- due when the carer acted on it.
CREATE TABLE reminders (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    child_id      TEXT REFERENCES children (id),
    kind          TEXT NOT NULL CHECK (kind <> ''),
    due_date      TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
    done_date     TEXT CHECK (done_date IS NULL OR date(done_date) IS done_date),
    snoozed_until TEXT CHECK (snoozed_until IS NULL OR date(snoozed_until) IS snoozed_until)
) STRICT;

CREATE INDEX reminders_child ON reminders (child_id, kind) WHERE deleted_at IS NULL;
