// The fields of a guest typed by hand, shared by the front desk and the citizen's declaration: a
// Vietnamese citizen by personal ID (checked against the registry by the server), or a foreign
// guest by passport. Dates are typed dd/mm/yyyy; the server's field errors land on these fields.
import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CitizenGuest, ForeignGuest, Sex } from '../lodging.ts';
import { isoDate } from '../time.ts';
import { startsLike } from './StayFields.tsx';
import { NationalitySelect } from './NationalitySelect.tsx';

export interface GuestValues {
  pid?: string;
  fullName?: string;
  birthDate?: string;
  sex?: Sex;
  nationality?: string;
  passportNo?: string;
  visaNo?: string;
  entryDate?: string;
  entryPurpose?: string;
}

export const GUEST_FIELDS = ['pid', 'fullName', 'birthDate', 'sex', 'nationality', 'passportNo', 'visaNo', 'entryDate', 'entryPurpose'] as const;
/** The server names a guest's fields `body.guest.<field>`. */
export const GUEST_RENAME: Record<string, string> = Object.fromEntries(GUEST_FIELDS.map((f) => [`body.guest.${f}`, f]));

export function guestOf(kind: 'citizen' | 'foreign', v: GuestValues): CitizenGuest | ForeignGuest {
  const s = (x: string | undefined) => (x ?? '').trim();
  if (kind === 'citizen')
    return { kind, pid: s(v.pid).replace(/\s+/g, ''), fullName: s(v.fullName), birthDate: isoDate(s(v.birthDate)), ...(v.sex ? { sex: v.sex } : {}) };
  return {
    kind,
    fullName: s(v.fullName),
    sex: v.sex!,
    birthDate: isoDate(s(v.birthDate)),
    nationality: s(v.nationality),
    passportNo: s(v.passportNo).toUpperCase(),
    ...(s(v.visaNo) ? { visaNo: s(v.visaNo) } : {}),
    entryDate: isoDate(s(v.entryDate)),
    entryPurpose: s(v.entryPurpose),
  };
}

function SexField({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="sex" label={t('lodging.guest.sex')} rules={required ? [{ required: true, message: t('lodging.guest.sexRequired') }] : []}>
      <Select allowClear={!required} options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`lodging.sex.${s}`) }))} aria-label={t('lodging.guest.sex')} />
    </Form.Item>
  );
}

export function CitizenFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="pid"
        label={t('lodging.guest.pid')}
        rules={[
          { required: true, whitespace: true, message: t('lodging.guest.pidRequired') },
          { pattern: /^\s*\d{12}\s*$/, message: t('lodging.guest.pidFormat') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="off" maxLength={14} />
      </Form.Item>
      <Form.Item name="fullName" label={t('lodging.guest.fullName')} rules={[{ required: true, whitespace: true, message: t('lodging.guest.nameRequired') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="birthDate" label={t('lodging.guest.birthDate')} rules={[{ required: true, whitespace: true, message: t('lodging.guest.birthRequired') }]}>
            <Input placeholder="dd/mm/yyyy" autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <SexField required={false} />
        </Col>
      </Row>
    </>
  );
}

export function ForeignFields() {
  const { t } = useTranslation();
  const purposes = ['tourism', 'business', 'family', 'work', 'study'].map((p) => ({ value: t(`lodging.entryPurposes.${p}`) }));
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <Form.Item name="fullName" label={t('lodging.guest.passportName')} extra={t('lodging.guest.passportNameHelp')} rules={required(t('lodging.guest.nameRequired'))}>
        <Input autoComplete="off" style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="birthDate" label={t('lodging.guest.birthDate')} rules={required(t('lodging.guest.birthRequired'))}>
            <Input placeholder="dd/mm/yyyy" autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <SexField required />
        </Col>
      </Row>
      <Form.Item name="nationality" label={t('lodging.guest.nationality')} rules={[{ required: true, message: t('lodging.guest.nationalityRequired') }]}>
        <NationalitySelect aria-label={t('lodging.guest.nationality')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="passportNo" label={t('lodging.guest.passportNo')} rules={required(t('lodging.guest.passportRequired'))}>
            <Input autoComplete="off" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="visaNo" label={t('lodging.guest.visaNo')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="entryDate" label={t('lodging.guest.entryDate')} rules={required(t('lodging.guest.entryDateRequired'))}>
            <Input placeholder="dd/mm/yyyy" autoComplete="off" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="entryPurpose" label={t('lodging.guest.entryPurpose')} rules={required(t('lodging.guest.entryPurposeRequired'))}>
            <AutoComplete options={purposes} filterOption={startsLike} aria-label={t('lodging.guest.entryPurpose')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
