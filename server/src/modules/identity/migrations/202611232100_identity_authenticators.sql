-- Second factors and passwordless login (TOTP apps, passkeys), account recovery, accounts of
-- children under 14 held through a parent's account, and the account's own history.

-- A TOTP app or a passkey bound to an account. TOTP secrets are sealed (AES-256-GCM, key in
-- DATA_DIR/keys); a passkey keeps only its public key.
create table identity.authenticator (
  id             uuid        primary key,
  account_id     uuid        not null,
  kind           text        not null check (kind in ('totp', 'passkey')),
  label          text        not null,
  secret_sealed  text,
  last_step      bigint,
  credential_id  text        unique,
  public_key     text,
  sign_count     bigint      not null default 0,
  transports     text[],
  created_at     timestamptz not null default now(),
  confirmed_at   timestamptz,
  last_used_at   timestamptz
);
create index authenticator_account on identity.authenticator (account_id);

-- WebAuthn challenges and other short-lived, single-use proofs.
create table identity.challenge (
  id          uuid        primary key,
  account_id  uuid,
  purpose     text        not null,
  challenge   text        not null,
  expires_at  timestamptz not null
);

-- Recovering access to an account with a one-time code to its registered phone or e-mail.
create table identity.recovery (
  id           uuid        primary key,
  account_id   uuid,
  code_hash    text        not null,
  attempts     integer     not null default 0,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  confirmed_at timestamptz
);
create index recovery_account on identity.recovery (account_id, created_at);

-- A child under 14 has an account held by a parent; it gets its own credentials at 14.
alter table identity.account add column guardian_account_id uuid;
create index account_guardian on identity.account (guardian_account_id) where guardian_account_id is not null;

-- What happened to an account: level changes, suspension, recovery, authenticators (who, when, how).
create table identity.account_event (
  id          bigserial   primary key,
  account_id  uuid        not null,
  at          timestamptz not null default now(),
  kind        text        not null,
  actor       text        not null,
  detail      jsonb       not null default '{}'
);
create index account_event_account on identity.account_event (account_id, id);
