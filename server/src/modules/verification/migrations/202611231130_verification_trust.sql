-- Trust anchors for chip passive authentication (ICAO Doc 9303 Part 11 §5.1, Part 12): CSCA
-- certificates imported from ICAO master lists or single files, and document-signer certificates
-- published apart from the chips. Public certificates only, no personal data. Named after
-- 202611231100_verification_init, which creates the schema.
create table verification.trusted_certificate (
  fingerprint     text        primary key,   -- SHA-256 of the DER, hex
  subject         text        not null,
  subject_key_id  text,                      -- hex, when the certificate states one
  is_ca           boolean     not null,
  not_before      timestamptz not null,
  not_after       timestamptz not null,
  der             bytea       not null,
  source          text        not null,      -- the file or master list it came from
  added_at        timestamptz not null default now(),
  added_by        text        not null
);
create index trusted_certificate_subject on verification.trusted_certificate (subject);
