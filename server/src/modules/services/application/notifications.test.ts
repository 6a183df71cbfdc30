import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue.ts';
import { createNotifications } from './notifications.ts';

describe('notifications', () => {
  const sent: { channel: string; to: string; body: string }[] = [];
  const notify = createNotifications({
    catalogue: loadCatalogue(),
    publicUrl: 'https://dvc.example.vn',
    notifier: { contactOf: async () => ({ phone: '+84912345678', email: null }), send: async (channel, to, _subject, body) => void sent.push({ channel, to, body }) },
  });
  const completed = async (serviceId: string) => {
    sent.length = 0;
    await notify({ applicationId: 'a1', code: 'HS1', serviceId, parentId: null, applicantPid: '031090000001', action: 'completed' });
    return sent[0]!.body;
  };

  it('mentions the wallet only when the procedure puts a document there', async () => {
    expect(await completed('birth-registration')).toContain('vào ví giấy tờ');
    expect(await completed('birth-residence-health-insurance')).toContain('vào ví giấy tờ'); // its birth step does
    const card = await completed('id-card-reissue');
    expect(card).toContain('Hồ sơ HS1 (');
    expect(card).not.toContain('ví giấy tờ');
    expect(card).toContain('https://dvc.example.vn/applications/a1');
  });

  it('says nothing of a linked procedure’s steps (their parent speaks for them)', async () => {
    sent.length = 0;
    await notify({ applicationId: 'a2', code: 'HS2', serviceId: 'birth-registration', parentId: 'a1', applicantPid: '031090000001', action: 'completed' });
    expect(sent).toEqual([]);
  });
});
