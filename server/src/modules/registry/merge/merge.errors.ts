// A retired personal ID (merged into another) answers with a pointer to the survivor, forever:
// reads get 301 Moved Permanently with the survivor's address in `Location` (same query, so a
// client that follows it states the same purpose again and is logged again); writes get 409, since
// a change meant for one record must not land on another silently.
import { AppError } from '../../../http/errors.ts';

const viDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export class PersonMergedError extends AppError {
  readonly retiredPid: string;
  readonly survivorPid: string;
  readonly mergedAt: string;
  constructor(retiredPid: string, merged: { survivorPid: string; mergedAt: string }, kind: 'read' | 'write', location?: string) {
    const day = viDay(vnIso(merged.mergedAt));
    super(
      kind === 'read' ? 301 : 409,
      'person_merged',
      { vi: 'Số định danh đã được hợp nhất', en: 'Personal ID merged' },
      {
        detail: {
          vi: `Hồ sơ số định danh ${retiredPid} đã được hợp nhất vào hồ sơ ${merged.survivorPid} ngày ${day}; dùng số ${merged.survivorPid}.`,
          en: `The record of personal ID ${retiredPid} was merged into ${merged.survivorPid} on ${day}; use ${merged.survivorPid}.`,
        },
        headers: { location: location ?? `/api/v1/persons/${merged.survivorPid}`, 'x-open06-merged-into': merged.survivorPid },
      },
    );
    this.retiredPid = retiredPid;
    this.survivorPid = merged.survivorPid;
    this.mergedAt = merged.mergedAt;
  }

  /** The same pointer with `Location` at the survivor's address for this request's path and query. */
  at(url: string): PersonMergedError {
    return new PersonMergedError(this.retiredPid, { survivorPid: this.survivorPid, mergedAt: this.mergedAt }, this.status === 301 ? 'read' : 'write', url.replace(this.retiredPid, this.survivorPid));
  }
}

/** The Vietnamese calendar day of an instant, yyyy-mm-dd. */
function vnIso(at: string): string {
  return new Date(Date.parse(at) + 7 * 3600_000).toISOString().slice(0, 10);
}
