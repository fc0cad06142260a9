-- One secret calendar link per person. Only the token's SHA-256 is kept: a copy of the database doesn't open
-- anyone's feed. Issuing a new token replaces the row, so the old link stops working at once.
create table calendar_feeds (
    staff_id   text        primary key,
    token_hash bytea       not null unique,
    created_at timestamptz not null
);
