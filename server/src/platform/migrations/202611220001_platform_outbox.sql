-- Transactional outbox: a change and the events it causes commit together.
create table platform.outbox (
  id              bigserial primary key,
  topic           text        not null,
  key             text,
  payload         jsonb       not null,
  occurred_at     timestamptz not null default now(),
  published_at    timestamptz,
  attempts        integer     not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text
);
create index outbox_pending on platform.outbox (next_attempt_at, id) where published_at is null;

-- What each consumer has handled: redelivery of an event a consumer already handled is skipped.
create table platform.inbox (
  consumer   text        not null,
  event_id   bigint      not null,
  handled_at timestamptz not null default now(),
  primary key (consumer, event_id)
);
