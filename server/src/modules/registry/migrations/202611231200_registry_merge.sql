-- Merging duplicate persons: the retired personal ID answers every read with a pointer to the
-- survivor, forever. The retired record leaves registry.person (so searches, counts and passes
-- never see it twice) and is kept here as it was; its history, residences and cards stay under
-- its own number and are shown with the survivor's.
create table registry.person_merge (
  retired_pid    char(12)    primary key,
  survivor_pid   char(12)    not null,
  merged_at      timestamptz not null default now(),
  actor          text        not null,
  reason         text        not null,
  retired_record jsonb       not null
);
create index person_merge_survivor on registry.person_merge (survivor_pid);

-- Who points at a person as spouse (re-pointed when that person is merged away; re-checked when
-- they change).
create index person_spouse on registry.person (spouse_pid) where spouse_pid is not null;
