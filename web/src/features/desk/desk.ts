// What the one-stop desk screens (bộ phận một cửa) read from and send to the services API
// (server/src/modules/services/README.md): the queue of the official's role at their unit, one
// application with its values, sources, documents, history and result, the decisions on its current
// step, and applications received at the desk for a citizen identified by their ID card.
import { useQuery } from '@tanstack/react-query';
import rolesConfig from '../../../../config/roles.json';
import { getBlob, getJson, sendJson } from '../../api/client.ts';
import { applicationsApi, type ApplicationDetail, type ApplicationSummary, type DocumentRef } from '../services/applications.ts';

/** Officials who handle applications: every role of config/roles.json with `application.process`. */
export const DESK_ROLES: string[] = Object.entries(rolesConfig.roles as Record<string, { permissions: string[] }>)
  .filter(([, r]) => r.permissions.includes('application.process'))
  .map(([role]) => role);

/** The queue's tabs: what waits for the official (`in_progress`), for the applicant, for a payment. */
export const QUEUE_STATUSES = ['in_progress', 'supplement_requested', 'awaiting_payment'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export type Outcome = 'approve' | 'refuse' | 'request_supplement';
export type { ApplicationDetail, ApplicationEvent, ApplicationSummary, Channel, DocumentRef, Status } from '../services/applications.ts';

export interface QueueFilter {
  status: QueueStatus;
  serviceId?: string | undefined;
  overdue?: boolean | undefined;
}

export interface DeskSubmission {
  serviceId: string;
  applicantPid: string;
  values: Record<string, string | number | boolean | null>;
  documents?: Record<string, DocumentRef>;
  feeCollected?: boolean;
}

/** The queue lists at most this many. */
export const QUEUE_LIMIT = 200;
/** The queue is read again this often (ms). */
export const REFRESH_MS = 15_000;

function queueQuery(f: QueueFilter): string {
  const s = new URLSearchParams({ status: f.status, limit: String(QUEUE_LIMIT) });
  if (f.serviceId) s.set('serviceId', f.serviceId);
  if (f.overdue) s.set('overdue', 'true');
  return s.toString();
}

export const deskApi = {
  queue: (f: QueueFilter) => getJson<{ items: ApplicationSummary[]; counts: Record<QueueStatus, number> }>(`/api/v1/desk/queue?${queueQuery(f)}`),
  get: applicationsApi.get,
  decide: (id: string, body: { outcome: Outcome; note?: string; version: number }) => sendJson<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(id)}/decision`, 'POST', body),
  receive: (body: DeskSubmission) => sendJson<ApplicationDetail>('/api/v1/desk/applications', 'POST', body),
  revokeResult: (id: string, reason: string) => sendJson<ApplicationDetail>(`/api/v1/desk/applications/${encodeURIComponent(id)}/result-revocation`, 'POST', { reason }),
  attachment: (id: string) => getBlob(`/api/v1/attachments/${encodeURIComponent(id)}`),
};

/** The queue of one status, read again every REFRESH_MS while the page is open. */
export function useQueue(f: QueueFilter) {
  return useQuery({ queryKey: ['desk', 'queue', f], queryFn: () => deskApi.queue(f), refetchInterval: REFRESH_MS, refetchIntervalInBackground: false });
}

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: ['desk', 'application', id], enabled: !!id, queryFn: () => deskApi.get(id!) });
}

