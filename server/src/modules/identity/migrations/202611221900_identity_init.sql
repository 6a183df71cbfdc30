-- Electronic identification (định danh điện tử): e-ID accounts bound to personal IDs, their
-- authenticators, officials' roles, messages sent to people, and the OpenID Provider's state.
create schema identity;

create table identity.account (
  id             uuid        primary key,
  pid            char(12)    not null unique,
  level          smallint    not null check (level in (1, 2)),
  status         text        not null default 'active' check (status in ('active', 'suspended')),
  phone          text,
  email          text,
  password_hash  text,
  portrait_file  text,
  created_at     timestamptz not null default now(),
  level2_at      timestamptz,
  level2_by      text,
  level2_place   text,
  level2_method  text,
  status_reason  text,
  failed_logins  integer     not null default 0,
  locked_until   timestamptz
);

-- A level-1 registration waiting for its one-time code.
create table identity.registration (
  id           uuid        primary key,
  pid          char(12)    not null,
  phone        text,
  email        text,
  code_hash    text        not null,
  attempts     integer     not null default 0,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  confirmed_at timestamptz
);
create index registration_pid on identity.registration (pid, created_at);

-- Everything sent to a person (one-time codes, notices). The built-in delivery keeps them here for
-- developers and testers to read; SMTP delivers e-mail when configured.
create table identity.message (
  id         bigserial   primary key,
  channel    text        not null check (channel in ('sms', 'email')),
  recipient  text        not null,
  subject    text        not null,
  body       text        not null,
  created_at timestamptz not null default now(),
  sent_via   text        not null
);
create index message_recipient on identity.message (recipient, id);

-- An official is a person with an e-ID account plus roles in administrative units.
create table identity.official_role (
  account_id uuid        not null,
  role       text        not null,
  unit       text,
  granted_by text        not null,
  granted_at timestamptz not null default now(),
  primary key (account_id, role)
);

-- Consents a citizen gave to relying parties (which claims, for which purpose), revocable.
create table identity.consent (
  account_id uuid        not null,
  client_id  text        not null,
  scopes     text[]      not null,
  claims     text[]      not null,
  purpose    text,
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (account_id, client_id)
);

-- oidc-provider's models (sessions, grants, codes, tokens, clients …) through its adapter interface.
create table identity.oidc_model (
  model       text        not null,
  id          text        not null,
  payload     jsonb       not null,
  grant_id    text,
  user_code   text,
  uid         text,
  expires_at  timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index oidc_model_grant on identity.oidc_model (grant_id) where grant_id is not null;
create index oidc_model_uid on identity.oidc_model (uid) where uid is not null;
create index oidc_model_user_code on identity.oidc_model (user_code) where user_code is not null;
create index oidc_model_expires on identity.oidc_model (expires_at) where expires_at is not null;
