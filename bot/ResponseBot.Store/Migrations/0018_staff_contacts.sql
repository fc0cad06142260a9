-- How to page each member of staff beyond Teams, as they registered it themselves in chat ("contact email …",
-- "contact mobile …"). A row with neither is removed, so the table holds only what someone chose to give.
create table staff_contacts (
    staff_id   text primary key,
    email      text,
    mobile     text,
    updated_at timestamptz not null
);

-- A sent page is found again by its outbox message, so a page whose completion was lost is not sent twice.
create index decision_log_paged on decision_log (case_id, ((detail ->> 'outboxId'))) where action = 'paged';
