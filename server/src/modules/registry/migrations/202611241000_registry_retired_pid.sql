-- Personal IDs retired for good: a birth registration cancelled as the compensation of a failed
-- procedure removes the record, and its number is never given to anyone else (allocation skips it;
-- an explicit registration with it is refused like a taken one). Numbers merged into another
-- record are in registry.person_merge and are never reused either.
create table registry.retired_pid (
  pid        text        primary key,
  reason     text        not null,
  retired_at timestamptz not null default now(),
  retired_by text        not null
);
