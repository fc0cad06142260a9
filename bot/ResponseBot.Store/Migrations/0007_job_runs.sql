-- One row per job per scheduled fire time: the second instance to try the same run finds it taken.
-- (Quartz clustering already fires a trigger once; this is the record, and the guard if that ever slips.)
create table job_runs (
    job           text        not null,
    scheduled_for timestamptz not null,
    instance      text        not null,
    started_at    timestamptz not null,
    primary key (job, scheduled_for)
);
