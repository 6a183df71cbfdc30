// Tells applicants what happened to their applications, by SMS or e-mail to the contact of their
// e-ID account, through the identity module's delivery (kept in its outbox page; SMTP when
// configured; an SMS gateway would be one more sender there). Messages carry the application code
// and the procedure's name, never personal data.
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Definition } from '../catalogue/catalogue.schema.ts';

export interface Notifier {
  /** The applicant's account contact, if they have an account. */
  contactOf(pid: string): Promise<{ phone: string | null; email: string | null } | undefined>;
  send(channel: 'sms' | 'email', recipient: string, subject: string, body: string): Promise<void>;
}

const TOLD: Record<string, (code: string, name: string) => string> = {
  submitted: (c, n) => `Hồ sơ ${c} (${n}) đã được tiếp nhận.`,
  paid: (c, n) => `Hồ sơ ${c} (${n}): đã nhận lệ phí, hồ sơ đang được xử lý.`,
  supplement_requested: (c, n) => `Hồ sơ ${c} (${n}) cần bổ sung. Xem yêu cầu và bổ sung trực tuyến.`,
  completed: (c, n) => `Hồ sơ ${c} (${n}) đã có kết quả.`,
  refused: (c, n) => `Hồ sơ ${c} (${n}) không được giải quyết. Xem lý do trong hồ sơ.`,
  aborted: (c, n) => `Hồ sơ liên thông ${c} (${n}) đã dừng. Xem lý do trong hồ sơ.`,
  stopped: (c, n) => `Hồ sơ liên thông ${c} (${n}) đã kết thúc một phần. Xem chi tiết trong hồ sơ.`,
  result_revoked: (c, n) => `Giấy tờ kết quả của hồ sơ ${c} (${n}) đã bị thu hồi. Xem lý do trong hồ sơ.`,
};

export function createNotifications(deps: { notifier: Notifier; catalogue: Catalogue; publicUrl: string }) {
  /** Does completing it put a document in the wallet (a linked procedure: one of its steps)? */
  const issuesCredential = (def: Definition): boolean =>
    def.kind === 'single' ? def.result.credential : def.kind === 'linked' && def.steps.some((s) => issuesCredential(deps.catalogue.procedures.get(s.procedure)!));
  return async (e: { applicationId: string; code: string; serviceId: string; parentId: string | null; applicantPid: string; action: string }) => {
    const text = TOLD[e.action];
    // steps of a linked procedure are told through their parent
    if (!text || e.parentId) return;
    const contact = await deps.notifier.contactOf(e.applicantPid);
    const def = deps.catalogue.procedures.get(e.serviceId);
    const name = def?.name.vi ?? e.serviceId;
    const body = `${text(e.code, name)}${e.action === 'completed' && def && issuesCredential(def) ? ' Giấy tờ điện tử đã vào ví giấy tờ của bạn.' : ''} ${deps.publicUrl}/applications/${e.applicationId}`;
    if (contact?.phone) await deps.notifier.send('sms', contact.phone, `open06: hồ sơ ${e.code}`, body);
    else if (contact?.email) await deps.notifier.send('email', contact.email, `Hồ sơ ${e.code}: ${name}`, body);
  };
}
