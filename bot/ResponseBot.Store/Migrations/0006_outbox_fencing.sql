-- Fencing for the outbox: each claim gets a token, and only the current holder may renew, complete,
-- reschedule or fail a message. The case records which outbox message owns its Publishing state, so a
-- second holder of an expired lease can never post the same reply again.
alter table outbox add column lease_token uuid;
alter table cases add column publish_outbox_id bigint;
