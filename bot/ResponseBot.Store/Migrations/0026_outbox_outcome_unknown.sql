-- A message claimed after its previous lease ran out was being sent by an instance that died, or lost the database,
-- before recording how the send went: it may already have reached the platform. Teams takes no idempotency key for a
-- new message, so such a card is sent again marked as possibly a second copy. When that first happened is kept.
alter table outbox add column outcome_unknown_at timestamptz;
