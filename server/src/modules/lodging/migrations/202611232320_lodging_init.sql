-- Lodging notifications (thông báo lưu trú, Law on Residence 2020 art. 30): establishments and
-- their staff, every stay notified to the commune police (by an establishment or by a citizen
-- hosting someone), the province police's watchlist and its alerts. Only modules/lodging touches these.
create schema lodging;

create table lodging.establishment (
  id               uuid        primary key,
  type             text        not null check (type in ('hotel', 'homestay', 'guesthouse', 'rental', 'dormitory', 'hospital', 'bus')),
  name             text        not null,
  address          text        not null,
  commune_code     char(5)     not null,
  province_code    char(2)     not null,
  licence          text,
  phone            text,
  responsible_pid  char(12)    not null,
  responsible_name text        not null,
  status           text        not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'suspended')),
  decided_at       timestamptz,
  decided_by       text,
  decision_reason  text,
  created_at       timestamptz not null default now()
);
create index establishment_unit on lodging.establishment (province_code, commune_code, status);

create table lodging.staff (
  establishment_id uuid        not null,
  pid              char(12)    not null,
  full_name        text        not null,
  role             text        not null check (role in ('owner', 'staff')),
  added_at         timestamptz not null default now(),
  added_by         text        not null,
  primary key (establishment_id, pid)
);
create index staff_pid on lodging.staff (pid);

-- One notified stay. `seq` orders the police feed (a client resumes after the last it saw).
-- establishment_id is null for a citizen's own declaration (host_pid then says who hosts).
create table lodging.stay (
  id                uuid        primary key,
  seq               bigserial   not null unique,
  establishment_id  uuid,
  host_pid          char(12),
  host_name         text,
  relationship      text,
  commune_code      char(5)     not null,
  province_code     char(2)     not null,
  address           text        not null,
  guest_kind        text        not null check (guest_kind in ('citizen', 'foreign')),
  guest_pid         char(12),
  guest_name        text        not null,
  guest_name_folded text        not null,
  guest_birth_date  text        not null,
  guest_sex         char(1),
  nationality       char(3),
  passport_no       text,
  visa_no           text,
  entry_date        text,
  entry_purpose     text,
  source            text        not null check (source in ('eid_qr', 'id_card_qr', 'chip', 'typed', 'passport')),
  verification      text        check (verification in ('green', 'amber', 'red')),
  room              text,
  reason            text        not null,
  expected_nights   integer     not null,
  arrived_at        timestamptz not null,
  recorded_at       timestamptz not null,
  deadline_at       timestamptz not null,
  late              boolean     not null,
  checked_out_at    timestamptz,
  group_id          uuid,
  watch_hit         boolean     not null default false,
  recorded_by       char(12)
);
create index stay_feed on lodging.stay (commune_code, seq);
create index stay_establishment on lodging.stay (establishment_id, arrived_at) where establishment_id is not null;
create index stay_in_house on lodging.stay (establishment_id) where checked_out_at is null;
create index stay_guest_pid on lodging.stay (guest_pid) where guest_pid is not null;
create index stay_passport on lodging.stay (passport_no) where passport_no is not null;
create index stay_guest_name on lodging.stay (guest_name_folded);
create index stay_unit_day on lodging.stay (province_code, commune_code, recorded_at);
create index stay_host on lodging.stay (host_pid, guest_pid) where host_pid is not null;

-- The province police's watchlist: a person by personal ID, or a foreigner by passport.
create table lodging.watch (
  id            uuid        primary key,
  province_code char(2)     not null,
  pid           char(12),
  passport_no   text,
  nationality   char(3),
  full_name     text        not null,
  reason        text        not null,
  active        boolean     not null default true,
  created_at    timestamptz not null default now(),
  created_by    text        not null,
  updated_at    timestamptz not null default now(),
  updated_by    text        not null,
  check (pid is not null or passport_no is not null)
);
create index watch_pid on lodging.watch (pid) where active and pid is not null;
create index watch_passport on lodging.watch (passport_no) where active and passport_no is not null;

-- A check-in that matched an active watchlist entry, raised to the police of the stay's commune.
create table lodging.alert (
  id               uuid        primary key,
  at               timestamptz not null,
  stay_id          uuid        not null,
  watch_id         uuid        not null,
  commune_code     char(5)     not null,
  province_code    char(2)     not null,
  acknowledged_at  timestamptz,
  acknowledged_by  text
);
create index alert_unit on lodging.alert (province_code, commune_code, at);
