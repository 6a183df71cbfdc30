// What other modules may ask of the registry. Every read carries its actor and purpose and is
// written to the access log, exactly as over HTTP.
import type { PersonCreateBody, PersonPatchBody, PersonView } from './person/person.schema.ts';
import type { ReadContext, WriteContext } from './person/person.service.ts';
import type { SearchHit } from './person/person.store.ts';
import type { MergeRequest, MergeResult } from './merge/merge.service.ts';
import type { PersonScanRecord } from './scan/person-scan.store.ts';
import type { ScanOptions } from './scan/person-scan.service.ts';
import type { ResidenceChange } from './residence/residence.service.ts';
import type { ReviewNote } from './review/review.service.ts';
import type { Relation } from './household/household.service.ts';
import type { ResidenceKind } from './registry.tables.ts';
import type { EffectOptions } from './effects/marriage.service.ts';

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

  // The registry effects of completed administrative procedures (modules/services, role
  // procedure_engine). Each takes the same path as its HTTP route (rules, history, events, access
  // log). `ctx.source` names the procedure (e.g. `procedure:<case>`): residence and household
  // changes record it as their history's source; the person's own writes take `source`/`sourceRef`
  // (body) or `opts.source`. Use one label for one case: cancelBirth compares it.

  /** Registers a person exactly as POST /persons does (a new personal ID when `pid` is absent: birth). */
  createPerson(ctx: WriteContext, body: PersonCreateBody): Promise<PersonView>;
  /** Ends the active residence of this kind exactly as DELETE /persons/:pid/residences/:kind does. */
  endResidence(ctx: WriteContext, pid: string, kind: ResidenceKind, opts: { validTo?: string; reason: string }): Promise<void>;
  /**
   * Moves `pid` into the household `headPid` heads (leaving their current one, dissolved when left
   * empty; a head may move only as the last member of theirs). ValidationError on `body.headPid` when
   * `headPid` heads no household; ConflictError when already a member.
   */
  joinHousehold(ctx: WriteContext, pid: string, j: { headPid: string; relation: Relation; reason: string }): Promise<{ householdId: number }>;
  /** Founds a household with only its head (who leaves their current one), as POST /households. */
  foundHousehold(ctx: WriteContext, body: { communeCode: string; addressDetail: string; headPid: string; reason: string }): Promise<{ householdId: number }>;
  /** Removes `pid` from their household (null when in none); a head only as its last member (the household is dissolved). */
  leaveHousehold(ctx: WriteContext, pid: string, reason: string): Promise<{ householdId: number } | null>;
  /**
   * Records a marriage in one transaction: each the other's spouse, both 'married'. ValidationError
   * (`body.person` for `a`, `body.spouse` for `b`) when they are one person, not both alive, either
   * already married, under age (man 20, woman 18 full years), of the same sex, or blood relatives
   * in the direct line or within three generations (Law on Marriage and Family 2014, art. 5, 8).
   */
  registerMarriage(ctx: WriteContext, a: string, b: string, opts: EffectOptions): Promise<void>;
  /** Undoes a marriage: spouse links cleared, each marital status back to what it was before. ConflictError unless married to each other. */
  cancelMarriage(ctx: WriteContext, a: string, b: string, opts: EffectOptions): Promise<void>;
  /**
   * Removes a record created with exactly `opts.source` and changed by nothing else since (its
   * residences and household memberships go too); its personal ID is retired for good. ConflictError
   * otherwise.
   */
  cancelBirth(ctx: WriteContext, pid: string, opts: EffectOptions): Promise<void>;
}

export type { PersonCreateBody, Relation, ResidenceKind, EffectOptions };
export type { PersonView, ReadContext, SearchHit, WriteContext, PersonPatchBody, MergeRequest, MergeResult, PersonScanRecord, ScanOptions, ResidenceChange, ReviewNote };
export type { ScanHousehold, ScanIdCard, ScanRelative, ScanResidence } from './scan/person-scan.store.ts';
