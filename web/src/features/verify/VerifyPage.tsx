// The verifier screen, for a clerk at a desk or a kiosk: choose the purpose once, then scan (a
// keyboard-wedge scanner types into the focused field and presses Enter; or the camera), type what
// a document says, or upload the files a chip reader wrote. The answer is green, amber or red with
// every check behind it; the field is cleared and focused again for the next person.
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Col, Form, Input, Row, Select, Space, Tabs, Tag, Typography, Upload, type InputRef } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem.tsx';
import { CheckResultView } from './CheckResultView.tsx';
import { QrScanner } from './QrScanner.tsx';
import { chipFileKey, runCheck, sourceOfQr, useVerificationPurposes, type CheckRequest, type ChipFiles } from './verify.ts';

interface TypedValues {
  pid: string;
  fullName?: string;
  birthDate?: string;
  sex?: 'M' | 'F';
  oldId?: string;
}

function toBase64(file: File): Promise<string> {
  return file.arrayBuffer().then((buf) => {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
}

export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const purposes = useVerificationPurposes();
  const [purpose, setPurpose] = useState<string | undefined>();
  const [tab, setTab] = useState('qr');
  const [qrText, setQrText] = useState('');
  const [camera, setCamera] = useState(false);
  const [chip, setChip] = useState<{ files: Partial<ChipFiles>; names: string[]; unknown: string[] }>({ files: {}, names: [], unknown: [] });
  const [typedForm] = Form.useForm<TypedValues>();
  const qrField = useRef<InputRef>(null);
  const check = useMutation({ mutationFn: runCheck });

  // the first purpose the role may state, until the clerk picks another
  useEffect(() => {
    if (!purpose && purposes.items.length) setPurpose(purposes.items[0]!.code);
  }, [purpose, purposes.items]);

  function submit(body: Omit<CheckRequest, 'purpose'>) {
    if (!purpose) return;
    check.mutate({ purpose, ...body }, { onSettled: () => (body.source === 'eid_qr' || body.source === 'id_card_qr') && setQrText('') });
  }

  function submitQr(text: string) {
    const value = text.replace(/[\r\n\t]+$/, '');
    if (!value.trim()) return;
    setCamera(false);
    submit({ source: sourceOfQr(value), qr: value });
  }

  // after an answer, the scanner field is ready for the next person
  useEffect(() => {
    if (!check.isPending && tab === 'qr') qrField.current?.focus();
  }, [check.isPending, tab]);

  async function chooseChipFiles(files: File[]) {
    const next: Partial<ChipFiles> = { ...chip.files };
    const names = [...chip.names];
    const unknown: string[] = [];
    for (const f of files) {
      const key = chipFileKey(f.name);
      if (!key) {
        unknown.push(f.name);
        continue;
      }
      next[key] = await toBase64(f);
      if (!names.includes(key)) names.push(key);
    }
    setChip({ files: next, names, unknown });
  }

  const kind = qrText.trim() ? sourceOfQr(qrText) : undefined;
  const noPurpose = !purposes.isPending && !purposes.items.length;

  return (
    <>
      <Typography.Title level={2}>{t('verify.page.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.page.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Form layout="vertical">
              <Form.Item label={t('verify.page.purpose')} tooltip={t('verify.page.purposeHelp')} required validateStatus={noPurpose ? 'error' : undefined} help={noPurpose ? t('verify.page.noPurpose') : undefined}>
                <Select
                  aria-label={t('verify.page.purpose')}
                  loading={purposes.isPending}
                  value={purpose}
                  onChange={setPurpose}
                  options={purposes.items.map((p) => ({ value: p.code, label: i18n.language === 'en' ? p.en : p.vi }))}
                  popupMatchSelectWidth={false}
                  data-testid="purpose"
                />
              </Form.Item>
            </Form>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'qr',
                  label: t('verify.page.tabQr'),
                  children: (
                    <Form layout="vertical" onFinish={() => submitQr(qrText)}>
                      <Form.Item label={t('verify.qr.label')} extra={t('verify.qr.help')}>
                        <Input
                          ref={qrField}
                          autoFocus
                          allowClear
                          autoComplete="off"
                          spellCheck={false}
                          value={qrText}
                          onChange={(e) => setQrText(e.target.value)}
                          onPressEnter={(e) => {
                            e.preventDefault();
                            submitQr(qrText);
                          }}
                          placeholder={t('verify.qr.placeholder')}
                          aria-label={t('verify.qr.label')}
                          data-testid="qr-input"
                        />
                      </Form.Item>
                      {kind && (
                        <Tag color={kind === 'eid_qr' ? 'blue' : 'default'} style={{ marginBottom: 12 }}>
                          {t(kind === 'eid_qr' ? 'verify.qr.kindEid' : 'verify.qr.kindCard')}
                        </Tag>
                      )}
                      <Space wrap>
                        <Button type="primary" htmlType="submit" loading={check.isPending} disabled={!purpose || !qrText.trim()}>
                          {t('verify.page.check')}
                        </Button>
                        <Button onClick={() => setCamera((c) => !c)}>{camera ? t('verify.qr.cameraStop') : t('verify.qr.camera')}</Button>
                      </Space>
                      {camera && (
                        <div style={{ marginTop: 16 }}>
                          <QrScanner onText={(text) => submitQr(text)} />
                        </div>
                      )}
                    </Form>
                  ),
                },
                {
                  key: 'typed',
                  label: t('verify.page.tabTyped'),
                  children: (
                    <Form<TypedValues>
                      form={typedForm}
                      layout="vertical"
                      requiredMark="optional"
                      onFinish={(v) =>
                        submit({
                          source: 'typed',
                          attributes: {
                            pid: v.pid.trim(),
                            ...(v.fullName?.trim() ? { fullName: v.fullName.trim() } : {}),
                            ...(v.birthDate?.trim() ? { birthDate: v.birthDate.trim() } : {}),
                            ...(v.sex ? { sex: v.sex } : {}),
                            ...(v.oldId?.trim() ? { oldId: v.oldId.trim() } : {}),
                          },
                        })
                      }
                    >
                      <Form.Item
                        name="pid"
                        label={t('verify.typed.pid')}
                        rules={[
                          { required: true, whitespace: true, message: t('verify.typed.pidRequired') },
                          { pattern: /^\s*\d{12}\s*$/, message: t('verify.typed.pidFormat') },
                        ]}
                      >
                        <Input inputMode="numeric" autoComplete="off" maxLength={14} />
                      </Form.Item>
                      <Form.Item name="fullName" label={t('verify.typed.fullName')}>
                        <Input autoComplete="off" />
                      </Form.Item>
                      <Row gutter={12}>
                        <Col xs={24} sm={12}>
                          <Form.Item name="birthDate" label={t('verify.typed.birthDate')} extra={t('verify.typed.birthDateHelp')}>
                            <Input placeholder="dd/mm/yyyy" autoComplete="off" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={12}>
                          <Form.Item name="sex" label={t('verify.typed.sex')}>
                            <Select allowClear options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`verify.sex.${s}`) }))} />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item name="oldId" label={t('verify.typed.oldId')}>
                        <Input inputMode="numeric" autoComplete="off" maxLength={12} />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={check.isPending} disabled={!purpose}>
                        {t('verify.page.check')}
                      </Button>
                    </Form>
                  ),
                },
                {
                  key: 'chip',
                  label: t('verify.page.tabChip'),
                  children: (
                    <Form layout="vertical" onFinish={() => chip.files.sod && submit({ source: 'chip', chip: chip.files as ChipFiles })}>
                      <Form.Item label={t('verify.chip.label')} extra={t('verify.chip.help')}>
                        <Upload
                          multiple
                          showUploadList={false}
                          beforeUpload={(_file, list) => {
                            if (_file === list[list.length - 1]) void chooseChipFiles(list);
                            return false;
                          }}
                        >
                          <Button data-testid="chip-files">{t('verify.chip.choose')}</Button>
                        </Upload>
                      </Form.Item>
                      {chip.names.length > 0 && (
                        <Typography.Paragraph data-testid="chip-recognised">{t('verify.chip.recognised', { files: chip.names.map((n) => n.toUpperCase()).join(', ') })}</Typography.Paragraph>
                      )}
                      {chip.unknown.length > 0 && <Typography.Paragraph type="warning">{t('verify.chip.unknown', { names: chip.unknown.join(', ') })}</Typography.Paragraph>}
                      {chip.names.length > 0 && !chip.files.sod && <Typography.Paragraph type="danger">{t('verify.chip.sodRequired')}</Typography.Paragraph>}
                      <Space wrap>
                        <Button type="primary" htmlType="submit" loading={check.isPending} disabled={!purpose || !chip.files.sod}>
                          {t('verify.page.check')}
                        </Button>
                        {chip.names.length > 0 && <Button onClick={() => setChip({ files: {}, names: [], unknown: [] })}>{t('common.cancel')}</Button>}
                      </Space>
                    </Form>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {check.isError && <ProblemAlert error={check.error} testId="verify-problem" />}
          {check.data && !check.isPending && <CheckResultView result={check.data} />}
        </Col>
      </Row>
    </>
  );
}
