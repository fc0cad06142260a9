-- The outbox's wake-up moves out of the transaction that queues a message: a NOTIFY inside it makes PostgreSQL hold one
-- database-wide lock from the notifying transaction's commit until its WAL is flushed, so every transaction queueing a
-- message (nearly every mention with someone on call) committed one at a time. The unit of work now notifies in a
-- transaction of its own just after its commit (UnitOfWork.CommitAsync), on the same channel with the same payload.
drop trigger outbox_notify on outbox;
drop function outbox_notify();
