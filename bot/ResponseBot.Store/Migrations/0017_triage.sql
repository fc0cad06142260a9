-- Triage rules as data: the organisation's own tags on a case, the language it is written in (for Welsh replies), and the
-- saved reply a rule suggested when it arrived (kept, so a later change to the rules doesn't change an open case's card).
alter table cases add column tags               text[] not null default '{}';
alter table cases add column language           text   not null default 'en' check (language in ('en', 'cy'));
alter table cases add column suggested_template text;
