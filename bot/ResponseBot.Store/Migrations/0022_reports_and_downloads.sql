-- Reports count mentions by priority, which until now triage decided and routing used but nothing kept. Cases from before
-- keep what can still be told: an emergency flag made a case urgent.
alter table cases add column priority text not null default 'Normal' check (priority in ('Normal', 'Urgent'));
update cases set priority = 'Urgent' where 'emergency' = any (flags);

-- Short-lived download links (a report's CSV, an export): the file is kept here until its link expires. Only the SHA-256
-- of the link's token is stored, and only once the message carrying the link is sent, so neither this table nor the
-- outbox holds a working link. Expired rows are deleted by the hourly housekeeping job.
create table downloads (
    id           bigint generated always as identity primary key,
    token_hash   bytea       unique,
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    file_name    text        not null,
    content_type text        not null,
    body         bytea       not null,
    constraint downloads_file_name_ck check (length(file_name) between 1 and 200)
);
create index downloads_expires_idx on downloads (expires_at);
