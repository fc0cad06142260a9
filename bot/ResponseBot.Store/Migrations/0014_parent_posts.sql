-- The post a mention answers, when it isn't one of our cases: fetched once by the polling source and kept with the
-- case, so its card shows what is being replied to without asking the platform again.
alter table cases
    add column parent_author text,
    add column parent_text   text;
