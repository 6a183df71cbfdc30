-- The access log: every read and write of a person's data, append-only and hash-chained.
create schema audit;

create table audit.access_log (
  seq         bigint      primary key,
  at          timestamptz not null,
  actor       text        not null,
  actor_role  text        not null,
  actor_unit  text,
  purpose     text        not null,
  action      text        not null,
  subject_pid text,
  fields      text[]      not null default '{}',
  outcome     text        not null,
  request_id  text,
  prev_hash   text        not null,
  hash        text        not null
);
create index access_log_subject on audit.access_log (subject_pid, seq);
create index access_log_actor on audit.access_log (actor, seq);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit.access_log is append-only';
end $$;

create trigger access_log_append_only before update or delete on audit.access_log
  for each row execute function audit.refuse_change();
create trigger access_log_no_truncate before truncate on audit.access_log
  for each statement execute function audit.refuse_change();
