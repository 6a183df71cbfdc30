-- Extensions available on both PGlite and PostgreSQL 15 (contrib).
create extension if not exists pg_trgm;
