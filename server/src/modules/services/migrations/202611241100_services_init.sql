-- Online public services and the one-stop desk: applications (each linked procedure is a parent
-- application whose steps are child applications), what happened to them, uploaded documents, and
-- the wallet of results issued as verifiable credentials. Only modules/services touches these.
create schema services;

create table services.application (
  id               uuid        primary key,
  code             text        not null unique,
  service_id       text        not null,
  -- a step of a linked procedure: its parent application and the step's id there
  parent_id        uuid        references services.application (id),
  linked_step      text,
  applicant_pid    char(12)    not null,
  submitted_by     text        not null,
  channel          text        not null check (channel in ('online', 'desk', 'kiosk')),
  commune_code     char(5)     not null,
  province_code    char(2)     not null,
  status           text        not null check (status in ('awaiting_payment', 'in_progress', 'supplement_requested', 'completed', 'refused', 'withdrawn')),
  -- the step waiting for an official: its id, role and the unit (commune or province code) it sits at
  step_id          text,
  step_role        text,
  queue_unit       text,
  data             jsonb       not null,
  -- documents by id: {attachmentId} uploaded, or {walletDocumentId} reused from the wallet
  documents        jsonb       not null,
  prefilled        jsonb       not null,
  fields_total     integer     not null,
  fields_prefilled integer     not null,
  fee_amount       bigint      not null,
  fee_paid         text        check (fee_paid in ('online', 'desk')),
  submitted_at     timestamptz not null default now(),
  -- the deadline clock: received (complete and paid) on, due on, and while a supplement is awaited
  -- the working days that were left
  received_on      date,
  due_on           date,
  days_left        integer,
  completed_at     timestamptz,
  result           jsonb,
  version          integer     not null default 1
);
create index application_queue on services.application (queue_unit, step_role, status, due_on) where status in ('in_progress', 'supplement_requested', 'awaiting_payment');
create index application_applicant on services.application (applicant_pid, submitted_at desc);
create index application_parent on services.application (parent_id) where parent_id is not null;
create index application_figures on services.application (service_id, commune_code);

create table services.application_event (
  id             bigserial   primary key,
  application_id uuid        not null references services.application (id),
  at             timestamptz not null default now(),
  actor          text        not null,
  actor_role     text        not null,
  action         text        not null,
  step_id        text,
  note           text,
  detail         jsonb
);
create index application_event_app on services.application_event (application_id, id);

-- Files uploaded for an application's documents (kept in the database: a few MB each at most).
create table services.attachment (
  id             uuid        primary key,
  owner_pid      char(12)    not null,
  application_id uuid        references services.application (id),
  document_id    text,
  file_name      text        not null,
  media_type     text        not null,
  size_bytes     integer     not null,
  sha256         text        not null,
  content        bytea       not null,
  uploaded_at    timestamptz not null default now()
);
create index attachment_owner on services.attachment (owner_pid, uploaded_at desc);

-- The wallet (kho dữ liệu cá nhân): results and certified copies, each an SD-JWT VC the holder can
-- present to any verifier, who checks it offline against the issuer key at /.well-known/jwt-vc-issuer.
create table services.wallet_document (
  id             uuid        primary key,
  holder_pid     char(12)    not null,
  subject_pid    char(12),
  kind           text        not null,
  title          jsonb       not null,
  application_id uuid        references services.application (id),
  issued_at      timestamptz not null default now(),
  status         text        not null default 'valid' check (status in ('valid', 'revoked')),
  claims         jsonb       not null,
  credential     text        not null
);
create index wallet_holder on services.wallet_document (holder_pid, issued_at desc);
