// The purpose of a look-up (required; only those the officer's role may state) and the case or
// application number it belongs to. Shown wherever the desk reads a person.
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useUnit } from '../../api/reference.ts';
import { useRolePurposes } from './police.ts';

export function WhyFields() {
  const { t, i18n } = useTranslation();
  const purposes = useRolePurposes();
  return (
    <>
      <Form.Item name="purpose" label={t('police.why.purpose')} rules={[{ required: true, message: t('police.why.purposeRequired') }]} tooltip={t('police.why.purposeHelp')}>
        <Select
          loading={purposes.isPending}
          placeholder={t('police.why.purposePlaceholder')}
          options={purposes.items.map((p) => ({ value: p.code, label: i18n.language === 'en' ? p.en : p.vi }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="ref" label={t('police.why.ref')} rules={[{ max: 100 }]}>
        <Input placeholder={t('police.why.refPlaceholder')} autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** Where the officer may look: their commune, or the communes of their province. */
export function useJurisdiction() {
  const { role, roles } = useAuth();
  const unit = roles?.find((r) => r.role === role)?.unit ?? null;
  const info = useUnit(unit);
  const name = info.data ? [info.data.fullName, info.data.provinceName].filter(Boolean).join(', ') : (unit ?? '');
  return { role, unit, name, province: role === 'province_police' ? unit : null };
}
