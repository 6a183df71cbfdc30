-- Revocation of wallet documents: each credential names its entry in the issuer's Token Status
-- List (draft-ietf-oauth-status-list), published at /api/v1/wallet/status-list. Documents issued
-- before this carry no entry (verifiers are told their status cannot be checked).
create sequence services.wallet_status_index minvalue 0 start 0;
alter table services.wallet_document
  add column status_index   integer unique,
  add column revoked_at     timestamptz,
  add column revoked_by     text,
  add column revoked_reason text;
-- the status list is rebuilt from the revoked documents alone
create index wallet_revoked on services.wallet_document (status_index) where status = 'revoked';
