export { createAccessLog, entryHash, GENESIS_HASH } from './access-log.ts';
export type { AccessEntry, AccessLog, AccessOutcome, AccessRecord, VerifyResult } from './access-log.ts';
