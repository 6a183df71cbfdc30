-- Payments of fees and charges by bank transfer (VietQR): each request with its unique reference,
-- every notification a bank sent (kept whatever its outcome), and reconciliation files imported.
-- Only modules/payments touches these.
create schema payments;

create table payments.payment (
  id              uuid        primary key,
  reference       text        not null unique,
  purpose         text        not null,
  subject_ref     text        not null,
  payer_pid       char(12),
  description     text        not null,
  amount          bigint      not null check (amount > 0),
  status          text        not null default 'pending' check (status in ('pending', 'paid', 'expired', 'cancelled')),
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  paid_at         timestamptz,
  bank_txn_id     text,
  confirmed_by    text        check (confirmed_by in ('bank_notification', 'reconciliation'))
);
create index payment_subject on payments.payment (purpose, subject_ref);
create index payment_payer on payments.payment (payer_pid) where payer_pid is not null;

-- Every notification received, matched or not (an unmatched transfer must be refunded by hand).
create table payments.bank_notification (
  id           bigserial   primary key,
  received_at  timestamptz not null default now(),
  bank_txn_id  text        not null unique,
  reference    text        not null,
  amount       bigint      not null,
  paid_at      timestamptz not null,
  via          text        not null check (via in ('notification', 'reconciliation', 'simulator')),
  outcome      text        not null check (outcome in ('matched', 'unknown_reference', 'amount_mismatch', 'not_pending')),
  payment_id   uuid
);

create table payments.reconciliation (
  id          uuid        primary key,
  file_sha256 text        not null unique,
  imported_at timestamptz not null default now(),
  imported_by text        not null,
  report      jsonb       not null
);
