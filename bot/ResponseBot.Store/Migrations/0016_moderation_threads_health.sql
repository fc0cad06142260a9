-- Moderation: whether the mention is hidden on the platform now, and by whom. The text as it was when hidden is in the
-- decision log (the evidence); these columns are only the current state the card shows.
alter table cases add column hidden_by_id   text;
alter table cases add column hidden_by_name text;
alter table cases add column hidden_at      timestamptz;
alter table cases add column hidden_reason  text;
-- The author edited or deleted the mention on the platform (the text as first received stays in the decision log).
alter table cases add column edited_at      timestamptz;
alter table cases add column deleted_at     timestamptz;
-- A conversation with the same person stays one thread: the first case of it (null: this case starts one).
alter table cases add column thread_case_id bigint references cases (id);
create index cases_thread on cases (thread_case_id) where thread_case_id is not null;
create index cases_author on cases (account_id, author_handle, received_at desc);
create index cases_account_received on cases (account_id, received_at desc);

-- Source health beyond failures: when a platform's token expires, and the alarm for a source gone quiet (said once, like
-- the failure alarm, and cleared when a mention arrives).
alter table sources add column token_expires_at timestamptz;
alter table sources add column silence_alarm_raised_at timestamptz;
-- When the source was first watched: a quiet account is measured from here until its first mention.
alter table sources add column created_at timestamptz not null default now();
