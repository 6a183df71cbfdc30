-- Appending to the access log in one statement (one round trip per batch instead of five). The
-- caller sends each entry as its canonical JSON after the sequence number (`rest`, see
-- `entryHash` in access-log.ts); here, under the lock, the chain's head is read, each entry numbered
-- and hashed exactly as `entryHash` does, which `open06 audit verify` re-checks:
--   sha256(prev_hash || '\n' || '[' || seq || ',' || rest)
-- and its columns are read from that same text, so what is stored is what was hashed. The hashes
-- are chained in a loop, the rows written by one INSERT.
create function audit.append(rests text[]) returns void language plpgsql as $$
declare
  head_seq bigint;
  prev     text;
  hashes   text[] := '{}';
  prevs    text[] := '{}';
  i        int;
begin
  perform pg_advisory_xact_lock(60607);
  -- a volatile function's statement sees what committed before it, including under the lock
  select seq, hash into head_seq, prev from audit.access_log order by seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  prev := coalesce(prev, repeat('0', 64));
  for i in 1 .. coalesce(array_length(rests, 1), 0) loop
    prevs[i] := prev;
    prev := encode(sha256(convert_to(prev || E'\n[' || (head_seq + i) || ',' || rests[i], 'UTF8')), 'hex');
    hashes[i] := prev;
  end loop;
  -- e: [seq, at, actor, role, unit, purpose, action, subject, fields, outcome, request id]
  insert into audit.access_log (seq, at, actor, actor_role, actor_unit, purpose, action, subject_pid, fields, outcome, request_id, prev_hash, hash)
  select head_seq + x.n, (x.e->>1)::timestamptz, x.e->>2, x.e->>3, x.e->>4, x.e->>5, x.e->>6, x.e->>7,
         array(select f from jsonb_array_elements_text(x.e->8) with ordinality as y(f, k) order by k),
         x.e->>9, x.e->>10, prevs[x.n], hashes[x.n]
  from (select ('[0,' || r)::jsonb as e, n from unnest(rests) with ordinality as u(r, n)) as x;
end $$;
