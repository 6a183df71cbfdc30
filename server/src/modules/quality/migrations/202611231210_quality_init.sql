-- Data quality ("đúng, đủ, sạch, sống"): findings of the rules (config/quality-rules.json), each
-- person's completeness and unit as last checked, full passes, and sector reports (deaths and
-- records from civil status, insurance …) matched to personal IDs. Only modules/quality touches these.
create schema quality;

-- One finding per (rule, person, key). A pass that no longer sees an open finding resolves it
-- (`rechecked`); a dismissed finding stays dismissed while the same defect is seen again.
create table quality.finding (
  id                bigserial   primary key,
  rule              text        not null,
  family            text        not null check (family in ('correct', 'complete', 'clean', 'alive')),
  severity          text        not null check (severity in ('high', 'medium', 'low')),
  pid               char(12)    not null,
  key               text        not null default '',
  related_pid       char(12),
  -- who the finding is about, as the record said when checked (the worklist shows it; reading it is logged)
  subject_name      text        not null default '',
  subject_birth     text        not null default '',
  commune_code      char(5),
  province_code     char(2),
  fields            text[]      not null default '{}',
  evidence          jsonb       not null default '{}',
  fix_vi            text        not null,
  fix_en            text        not null,
  status            text        not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
  first_seen_at     timestamptz not null default now(),
  last_seen_at      timestamptz not null default now(),
  resolved_at       timestamptz,
  resolved_by       text,
  resolution        text        check (resolution in ('corrected', 'merged', 'dismissed', 'rechecked')),
  resolution_reason text,
  unique (rule, pid, key)
);
create index finding_open_unit on quality.finding (province_code, commune_code, family) where status = 'open';
create index finding_open_rule on quality.finding (commune_code, rule, severity, id) where status = 'open';
create index finding_pid on quality.finding (pid);
create index finding_related on quality.finding (related_pid) where related_pid is not null;

-- Each checked person: the unit the record belongs to and its completeness (0–1).
create table quality.person_status (
  pid           char(12)    primary key,
  commune_code  char(5),
  province_code char(2),
  completeness  real        not null,
  checked_at    timestamptz not null default now()
);
create index person_status_unit on quality.person_status (province_code, commune_code);

-- Full passes (`open06 quality run`, or started over the API).
create table quality.pass (
  id          bigserial   primary key,
  scope       text        not null,
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  status      text        not null default 'running' check (status in ('running', 'done', 'failed')),
  started_by  text        not null,
  report      jsonb
);

-- Records a sector sends about people it has matched to a personal ID: deaths it registered or
-- knows of, and the values it holds (name, birth date, sex) for comparison.
create table quality.sector_report (
  id          bigserial   primary key,
  source      text        not null,
  kind        text        not null check (kind in ('death', 'record')),
  pid         char(12)    not null,
  full_name   text,
  birth_date  text        check (birth_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  sex         char(1)     check (sex in ('M', 'F')),
  death_date  text        check (death_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  reported_on date        not null,
  received_at timestamptz not null default now(),
  received_by text        not null,
  unique (source, kind, pid)
);
create index sector_report_pid on quality.sector_report (pid);

-- The record-linkage model (match and non-match weights learnt by EM) of the latest full pass,
-- used to score a changed person against the registry between passes.
create table quality.linkage_model (
  id         bigserial   primary key,
  pass_id    bigint      not null,
  trained_at timestamptz not null default now(),
  model      jsonb       not null
);
