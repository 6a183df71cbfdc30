// The sheet the desk prints for the applicant (window.print): while the application is in hand, the
// receipt with its appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả); once finished, the result.
// Hidden on screen; when printing, only the sheet is printed (the print stylesheet below).
import { useTranslation } from 'react-i18next';
import { viDate, viInstant } from '../../../components/dates.ts';
import { pick, vnd } from '../../services/services.ts';
import type { ApplicationDetail } from '../desk.ts';

const CSS = `
.desk-print-sheet { display: none; }
@media print {
  @page { size: A4; margin: 18mm; }
  .ant-layout-header, .ant-layout-sider, .ant-drawer, .desk-screen { display: none !important; }
  .ant-layout, .ant-layout-content { background: #fff !important; padding: 0 !important; }
  .desk-print-sheet { display: block; color: #000; font-size: 13pt; line-height: 1.5; }
  .desk-print-sheet table { width: 100%; border-collapse: collapse; }
  .desk-print-sheet td { padding: 4pt 6pt; vertical-align: top; border-bottom: 1px solid #ccc; }
  .desk-print-sheet td:first-child { width: 38%; font-weight: 600; }
}
`;

export function PrintSheet({ app, applicant, unitName }: { app: ApplicationDetail; applicant: string | null; unitName: string }) {
  const { t, i18n } = useTranslation();
  const finished = app.status === 'completed' || app.status === 'refused' || app.status === 'withdrawn';
  const result =
    app.status === 'completed'
      ? [t('desk.status.completed'), app.result?.outputs.newPid ? t('desk.result.newPid', { pid: app.result.outputs.newPid }) : null, app.result?.walletDocumentId ? t('desk.result.inWallet') : null].filter(Boolean).join('. ')
      : app.status === 'refused'
        ? `${t('desk.status.refused')}: ${app.result?.reasons ?? ''}`
        : t(`desk.status.${app.status}`);
  const rows: [string, string][] = [
    [t('desk.print.code'), app.code],
    [t('desk.print.procedure'), pick(app.serviceName, i18n.language)],
    [t('desk.print.applicant'), applicant ? `${applicant} (${app.applicantPid})` : app.applicantPid],
    [t('desk.print.channel'), t(`desk.channel.${app.channel}`)],
    [t('desk.print.received'), viDate(app.receivedOn)],
    [t('desk.print.due'), app.dueOn ? viDate(app.dueOn) : '—'],
    [t('desk.print.fee'), app.fee.amount === 0 ? t('desk.fee.free') : `${vnd(app.fee.amount, i18n.language)}${app.fee.paid ? ` (${t(`desk.fee.paid.${app.fee.paid}`)})` : ''}`],
    [t('desk.print.result'), result],
  ];
  return (
    <div className="desk-print-sheet" data-testid="print-sheet">
      <style>{CSS}</style>
      <div style={{ textAlign: 'center', marginBottom: '12pt' }}>
        <div style={{ fontWeight: 600 }}>{unitName}</div>
        <div>{t('desk.print.office')}</div>
        <h2 style={{ margin: '12pt 0 4pt' }}>{t(finished ? 'desk.print.resultTitle' : 'desk.print.receiptTitle')}</h2>
      </div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: '18pt', fontSize: '10pt' }}>{t('desk.print.printedAt', { at: viInstant(new Date().toISOString(), true) })}</p>
    </div>
  );
}
