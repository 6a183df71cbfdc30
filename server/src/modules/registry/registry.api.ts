// What other modules may ask of the registry. Every read carries its actor and purpose and is
// written to the access log, exactly as over HTTP.
import type { PersonPatchBody, PersonView } from './person/person.schema.ts';
import type { ReadContext, WriteContext } from './person/person.service.ts';
import type { SearchHit } from './person/person.store.ts';
import type { MergeRequest, MergeResult } from './merge/merge.service.ts';
import type { PersonScanRecord } from './scan/person-scan.store.ts';
import type { ScanOptions } from './scan/person-scan.service.ts';
import type { ResidenceChange } from './residence/residence.service.ts';
import type { ReviewNote } from './review/review.service.ts';

export interface RegistryApi {
  getPerson(ctx: ReadContext, pid: string): Promise<PersonView>;
  searchPersons(
    ctx: ReadContext,
    q: { pid?: string; oldId?: string; name?: string; birthDate?: string; commune?: string; limit: number },
  ): Promise<SearchHit[]>;
  /** Changes attributes exactly as PATCH /persons/:pid does (who, when, source, reason in the history). */
  updatePerson(ctx: WriteContext, pid: string, body: PersonPatchBody): Promise<PersonView>;
  /** Registers a residence exactly as POST /persons/:pid/residences does. */
  registerResidence(ctx: WriteContext, pid: string, change: ResidenceChange): Promise<void>;
  /** Merges `req.retiredPid` into `survivorPid` (registry/merge): the retired number points at the survivor forever. */
  mergePersons(ctx: WriteContext, survivorPid: string, req: MergeRequest): Promise<MergeResult>;
  /** Current records in batches for a system pass (permission person.scan; one access-log entry per batch). */
  scanPersons(ctx: ReadContext, opts?: ScanOptions): AsyncGenerator<PersonScanRecord[]>;
  /** How many people `scanPersons` would read (for progress bars). */
  countScan(ctx: ReadContext, opts?: Pick<ScanOptions, 'communes' | 'pids'>): Promise<number>;
  /** People whose records point at these or who share their household (to re-check after a change). */
  linkedPersons(ctx: ReadContext, pids: readonly string[]): Promise<string[]>;
  /** A decision on a record that changes nothing (e.g. a finding dismissed), kept in its history. */
  noteReview(ctx: WriteContext, pid: string, note: ReviewNote): Promise<void>;
}

export type { PersonView, ReadContext, SearchHit, WriteContext, PersonPatchBody, MergeRequest, MergeResult, PersonScanRecord, ScanOptions, ResidenceChange, ReviewNote };
export type { ScanHousehold, ScanIdCard, ScanRelative, ScanResidence } from './scan/person-scan.store.ts';
