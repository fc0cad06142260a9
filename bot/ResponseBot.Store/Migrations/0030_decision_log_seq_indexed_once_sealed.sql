-- A row's place in the chain is unique once it has one. Rows are stored without one (the sealer gives it later), and a
-- unique index over every row held an entry for each of them too: one more index write for every arrival and every
-- decision logged, and one never read (the sealer finds unsealed rows by decision_log_unsealed). Every query by place
-- names one (seq = …, seq is not null), so this index serves each of them as the old one did.
create unique index decision_log_seq_sealed_uq on decision_log (seq) where seq is not null;
drop index decision_log_seq_uq;
