-- Appending to the access log in one statement (one round trip per batch instead of five): the
-- chain's head is read under the lock and each entry's hash computed here, exactly as
-- `entryHash` in access-log.ts computes it, which `open06 audit verify` re-checks:
--   sha256(prev_hash || '\n' || '[' || seq || ',' || rest)
-- where `rest` is the entry's canonical JSON after the sequence number, made by the caller.
create function audit.append(entries jsonb) returns void language plpgsql as $$
declare
  head_seq  bigint;
  prev      text;
  e         jsonb;
  this_hash text;
begin
  perform pg_advisory_xact_lock(60607);
  -- a volatile function's statement sees what committed before it, including under the lock
  select seq, hash into head_seq, prev from audit.access_log order by seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  prev := coalesce(prev, repeat('0', 64));
  for e in select value from jsonb_array_elements(entries) loop
    head_seq := head_seq + 1;
    this_hash := encode(sha256(convert_to(prev || E'\n[' || head_seq || ',' || (e->>'rest'), 'UTF8')), 'hex');
    insert into audit.access_log (seq, at, actor, actor_role, actor_unit, purpose, action, subject_pid, fields, outcome, request_id, prev_hash, hash)
    values (
      head_seq, (e->>'at')::timestamptz, e->>'actor', e->>'actor_role', e->>'actor_unit', e->>'purpose', e->>'action',
      e->>'subject_pid', array(select jsonb_array_elements_text(e->'fields')), e->>'outcome', e->>'request_id', prev, this_hash
    );
    prev := this_hash;
  end loop;
end $$;
