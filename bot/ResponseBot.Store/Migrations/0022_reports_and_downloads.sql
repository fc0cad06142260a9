-- Reports count mentions by priority, which until now triage decided and routing used but nothing kept. Cases from before
-- keep what can still be told: an emergency flag made a case urgent.
alter table cases add column priority text not null default 'Normal' check (priority in ('Normal', 'Urgent'));
update cases set priority = 'Urgent' where 'emergency' = any (flags);
