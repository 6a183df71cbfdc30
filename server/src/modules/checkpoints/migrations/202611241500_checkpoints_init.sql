-- Entry and exit checkpoints (kiểm soát ra vào) at heritage sites, stations and temples: the sites
-- and their staff, each passage (kept only for the site's retention period), and hourly counts
-- (kept for good). Visitors are never stored by personal ID, name or birth date: a passage holds a
-- keyed hash (HMAC-SHA256 under the site's own random key) that only tells two passages of the
-- same visitor at the same site apart from others.
create schema checkpoints;

create table checkpoints.site (
  id              text        primary key,
  name            text        not null,
  kind            text        not null check (kind in ('heritage', 'station', 'temple', 'other')),
  commune_code    text        not null,
  capacity        integer     not null check (capacity > 0),
  retention_days  integer     not null default 30 check (retention_days between 1 and 365),
  -- the key of the visitors' hashes: never leaves the database, differs per site
  hash_key        bytea       not null,
  on_site         integer     not null default 0 check (on_site >= 0),
  alert_level     text        check (alert_level in ('warning', 'full')),
  alert_since     timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  updated_by      text        not null,
  check ((alert_level is null) = (alert_since is null))
);
create index site_commune on checkpoints.site (commune_code);

-- Citizens who scan and count at a site (they log in with their e-ID, as citizens).
create table checkpoints.staff (
  site_id   text        not null references checkpoints.site (id) on delete cascade,
  pid       text        not null,
  added_at  timestamptz not null default now(),
  added_by  text        not null,
  primary key (site_id, pid)
);
create index staff_pid on checkpoints.staff (pid);

-- One scan (method eid_qr / id_card_qr, count 1, the visitor's keyed hash) or one press of the
-- counter (method counter, no visitor). Deleted after the site's retention period.
create table checkpoints.passage (
  id            bigint      generated always as identity primary key,
  site_id       text        not null references checkpoints.site (id) on delete cascade,
  at            timestamptz not null,
  direction     text        not null check (direction in ('in', 'out')),
  method        text        not null check (method in ('eid_qr', 'id_card_qr', 'counter')),
  visitor_hash  text,
  count         integer     not null default 1 check (count between 1 and 500),
  recorded_by   text        not null,
  check ((method = 'counter') = (visitor_hash is null))
);
create index passage_site_at on checkpoints.passage (site_id, at);
create index passage_visitor on checkpoints.passage (site_id, visitor_hash, at) where visitor_hash is not null;

-- Entries and exits per site and hour (the hour's first instant; Vietnam has whole-hour UTC+7, so
-- UTC hours are Vietnamese hours). Written in the same transaction as each passage: purging
-- passages loses no count.
create table checkpoints.hourly (
  site_id  text        not null references checkpoints.site (id) on delete cascade,
  hour     timestamptz not null,
  entries  integer     not null default 0 check (entries >= 0),
  exits    integer     not null default 0 check (exits >= 0),
  primary key (site_id, hour)
);
