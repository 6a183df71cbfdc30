-- Identity verification (xác thực danh tính): organisations registered to verify identities,
-- e-ID QR nonces seen (replay protection), and metered use per organisation, day and purpose.
create schema verification;

-- Organisations that may call the verification API (hotels, banks, pawn shops, exam boards,
-- hospitals …). `id` is the `sub` of their service token or OIDC client; `purposes` are the
-- verification purposes (config/purposes.json) they were registered for.
create table verification.organisation (
  id           text        primary key,
  name         text        not null,
  purposes     text[]      not null,
  per_minute   integer     not null default 600 check (per_minute > 0),
  daily_quota  integer     check (daily_quota > 0),
  active       boolean     not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  updated_by   text        not null
);

-- Nonces (CWT `cti`) of e-ID QRs verified online, each kept until its QR has expired: a second
-- presentation of the same QR is refused.
create table verification.seen_nonce (
  nonce       text        primary key,
  expires_at  timestamptz not null
);
create index seen_nonce_expiry on verification.seen_nonce (expires_at);

-- Metering: checks per party (a registered organisation, or an official's role and unit), per
-- Vietnamese calendar day, purpose and source of what was presented. Counts only, no personal data.
create table verification.usage (
  party    text    not null,
  day      date    not null,
  purpose  text    not null,
  source   text    not null check (source in ('eid_qr', 'id_card_qr', 'chip', 'typed')),
  checks   integer not null default 0,
  primary key (party, day, purpose, source)
);
create index usage_day on verification.usage (day);
