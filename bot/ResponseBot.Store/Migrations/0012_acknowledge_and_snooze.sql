-- "I'm on it" and snooze: who took a case in hand or put it off, shown on every copy of its card.
-- Their timers are rows in escalations: kind 'Respond' pages the next layer when a case taken in hand
-- still has no reply at its respond-by time; a snooze moves the open timers' due_at.
alter table cases
    add column acknowledged_by_id   text,
    add column acknowledged_by_name text,
    add column acknowledged_at      timestamptz,
    add column snoozed_by_id        text,
    add column snoozed_by_name      text,
    add column snoozed_at           timestamptz,
    add column snoozed_until        timestamptz;
