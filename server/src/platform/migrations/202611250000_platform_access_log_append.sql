-- Appending to the access log in one statement (one round trip per batch instead of five): the
-- chain's head is read under the lock and each entry's hash computed here, exactly as
-- `entryHash` in access-log.ts computes it, which `open06 audit verify` re-checks:
--   sha256(prev_hash || '\n' || '[' || seq || ',' || rest)
-- where `rest` is the entry's canonical JSON after the sequence number, made by the caller. The
-- hashes are chained in a loop, the rows written by one INSERT.
create function audit.append(entries jsonb) returns void language plpgsql as $$
declare
  head_seq bigint;
  prev     text;
  rests    text[];
  hashes   text[] := '{}';
  prevs    text[] := '{}';
  i        int;
begin
  perform pg_advisory_xact_lock(60607);
  -- a volatile function's statement sees what committed before it, including under the lock
  select seq, hash into head_seq, prev from audit.access_log order by seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  prev := coalesce(prev, repeat('0', 64));
  rests := array(select e->>'rest' from jsonb_array_elements(entries) with ordinality as x(e, n) order by n);
  for i in 1 .. coalesce(array_length(rests, 1), 0) loop
    prevs[i] := prev;
    prev := encode(sha256(convert_to(prev || E'\n[' || (head_seq + i) || ',' || rests[i], 'UTF8')), 'hex');
    hashes[i] := prev;
  end loop;
  insert into audit.access_log (seq, at, actor, actor_role, actor_unit, purpose, action, subject_pid, fields, outcome, request_id, prev_hash, hash)
  select head_seq + x.n, (x.e->>'at')::timestamptz, x.e->>'actor', x.e->>'actor_role', x.e->>'actor_unit', x.e->>'purpose', x.e->>'action',
         x.e->>'subject_pid', array(select jsonb_array_elements_text(x.e->'fields')), x.e->>'outcome', x.e->>'request_id', prevs[x.n], hashes[x.n]
  from jsonb_array_elements(entries) with ordinality as x(e, n);
end $$;
