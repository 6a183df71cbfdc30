-- The population registry (CSDLQG về dân cư). Only modules/registry touches these tables.
-- References between them (residence → person, member → household …) are kept by the module's
-- code, which writes a person before anything that points at it, in the same transaction; they are
-- not foreign keys because checking one per row halves the speed of bulk loading.
create schema registry;

-- A person. Names are stored as written (NFC) plus the folded form used for search and matching.
-- birth_date is a partial ISO date: yyyy | yyyy-mm | yyyy-mm-dd. `source`/`created_at` say where the
-- record came from (its creation is the first entry of its history); `sources` holds, per attribute,
-- the source and date of every later change.
create table registry.person (
  pid                char(12)    primary key,
  full_name          text        not null,
  name_folded        text        not null,
  family_name        text        not null default '',
  middle_name        text        not null default '',
  given_name         text        not null default '',
  birth_date         text        not null check (birth_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  birth_year         smallint    not null,
  sex                char(1)     not null check (sex in ('M', 'F')),
  ethnicity          text,
  religion           text,
  nationality        char(2)     not null default 'VN',
  birth_reg_province char(3),
  birth_place        text,
  hometown           text,
  old_id             text,
  life_status        text        not null default 'alive' check (life_status in ('alive', 'deceased', 'missing')),
  death_date         text        check (death_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  marital_status     text        check (marital_status in ('single', 'married', 'divorced', 'widowed')),
  father_pid         char(12),
  mother_pid         char(12),
  spouse_pid         char(12),
  phone              text,
  email              text,
  version            integer     not null default 1,
  source             text        not null,
  created_by         text        not null,
  sources            jsonb       not null default '{}',
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  -- family name and given name, folded: the key typo-tolerant search narrows to (see person.search)
  name_key           text        generated always as (split_part(name_folded, ' ', 1) || ' ' || regexp_replace(name_folded, '^.* ', '')) stored
);
create index person_name_birth on registry.person (name_folded, birth_year);
create index person_name_key on registry.person (name_key, birth_year);
create index person_old_id on registry.person (old_id) where old_id is not null;
create index person_father on registry.person (father_pid) where father_pid is not null;
create index person_mother on registry.person (mother_pid) where mother_pid is not null;

-- ID cards issued to a person: CCCD (chip) until 30/6/2024, "thẻ căn cước" since 1/7/2024.
create table registry.id_card (
  pid        char(12) not null,
  number     char(12) not null,
  kind       text     not null check (kind in ('cccd', 'can_cuoc')),
  issued_on  date     not null,
  expires_on date,
  status     text     not null default 'valid' check (status in ('valid', 'replaced', 'revoked', 'lost')),
  primary key (pid, issued_on)
);

-- A household (hộ) and its members with their relationship to the head.
create table registry.household (
  id             bigserial   primary key,
  code           text        not null unique,
  head_pid       char(12),
  commune_code   char(5)     not null,
  address_detail text,
  created_at     timestamptz not null default now(),
  dissolved_at   timestamptz
);
create index household_commune on registry.household (commune_code) where dissolved_at is null;

create table registry.household_member (
  household_id bigint   not null,
  pid          char(12) not null,
  relation     text     not null,
  joined_on    date     not null,
  left_on      date,
  primary key (household_id, pid, joined_on)
);
create unique index household_member_current on registry.household_member (pid) where left_on is null;
create index household_member_household on registry.household_member (household_id) where left_on is null;

-- Residence: permanent (thường trú), temporary (tạm trú), current (nơi ở hiện tại) and temporary
-- absence (tạm vắng). commune_code is on current units; legacy_address keeps the text as recorded.
create table registry.residence (
  id             bigserial primary key,
  pid            char(12)  not null,
  kind           text      not null check (kind in ('permanent', 'temporary', 'current', 'absence')),
  commune_code   char(5),
  detail         text,
  legacy_address text,
  valid_from     date      not null,
  valid_to       date,
  reason         text,
  check (valid_to is null or valid_to >= valid_from)
);
create unique index residence_active on registry.residence (pid, kind) where valid_to is null;
create index residence_commune on registry.residence (commune_code, pid) where valid_to is null;
create index residence_person on registry.residence (pid, valid_from);

-- Every change to a person after its creation: who, when, source, reason, and what changed
-- ({field: [before, after]}); residence and household changes are dated in their own tables.
create table registry.person_history (
  id     bigserial   primary key,
  pid    char(12)    not null,
  at     timestamptz not null default now(),
  actor  text        not null,
  source text        not null,
  reason text,
  change text        not null,
  diff   jsonb
);
create index person_history_pid on registry.person_history (pid, id);

-- Bulk imports: progress is committed with each batch, so a re-run resumes where it stopped.
create table registry.import_job (
  id             text        primary key,
  file_name      text        not null,
  format         text        not null,
  rows_done      bigint      not null default 0,
  accepted       bigint      not null default 0,
  rejected       bigint      not null default 0,
  status         text        not null default 'running',
  started_at     timestamptz not null default now(),
  finished_at    timestamptz
);
create table registry.import_reject (
  job_id text    not null references registry.import_job (id),
  row_no bigint  not null,
  field  text,
  reason text    not null,
  raw    text    not null,
  primary key (job_id, row_no)
);
