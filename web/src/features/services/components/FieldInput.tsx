// The input for one field of a catalogue form, by its type (config/services/README.md#form): text,
// a date typed as dd/mm/yyyy, a choice (ethnicities and religions from the code lists), a personal
// ID, a commune (UnitPicker), a number with its unit, yes/no, a file. A value the population
// database fills is shown as it reads (an option's label, a commune's name), never as an input.
import { useState } from 'react';
import { Button, Flex, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLists, useUnit } from '../../../api/reference.ts';
import { viDate } from '../../../components/dates.ts';
import { problemText } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { applicationsApi, fileSize, fileToBase64 } from '../applications.ts';
import { type Field, pick } from '../services.ts';

export interface FieldInputProps {
  field: Field;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
  applicantPid?: string | undefined;
  'aria-label'?: string;
}

/** The options of a select field: its own, or a code list. */
export function useOptions(field: Field): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const codes = useCodeLists();
  if (field.type !== 'select') return [];
  if (field.options) return field.options.map((o) => ({ value: o.value, label: pick(o.label, i18n.language) }));
  if (field.optionsFrom === 'ethnicities') return (codes.data?.ethnicities ?? []).map((e) => ({ value: e.code, label: e.name }));
  if (field.optionsFrom === 'religions') return (codes.data?.religions ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.nameEn : r.name }));
  return [];
}

/** A value as a reader sees it: the option's label, the commune's name, dd/mm/yyyy, Có/Không. */
export function useDisplay(field: Field | undefined, value: unknown): string {
  const { t, i18n } = useTranslation();
  const options = useOptions(field ?? { type: 'text', name: '', label: { vi: '', en: '' }, required: false });
  const unit = useUnit(field?.type === 'commune' && typeof value === 'string' ? value : null);
  if (value === undefined || value === null || value === '') return '—';
  if (!field) return String(value);
  switch (field.type) {
    case 'select':
      return options.find((o) => o.value === value)?.label ?? String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}/.test(value) ? viDate(value) : String(value);
    case 'boolean':
      return t(value === true || value === 'true' ? 'services.common.yes' : 'services.common.no');
    case 'commune':
      return unit.data ? [unit.data.fullName, unit.data.provinceName].filter(Boolean).join(', ') : String(value);
    case 'number':
      return `${String(value)}${field.unit ? ` ${pick(field.unit, i18n.language)}` : ''}`;
    default:
      return String(value);
  }
}

/** A value filled from the population database: shown, not editable. */
export function LockedValue({ field, value, id }: { field: Field; value?: unknown; id?: string }) {
  const text = useDisplay(field, value);
  return <Input id={id} readOnly value={text} variant="filled" aria-readonly="true" data-locked="true" />;
}

function FileField({ field, value, onChange, applicantPid, id }: FieldInputProps & { field: Extract<Field, { type: 'file' }> }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > field.maxSizeMb * 1024 * 1024) return setError(t('services.form.fileTooBig', { size: field.maxSizeMb }));
    setBusy(true);
    try {
      const up = await applicationsApi.upload({ fileName: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) }, applicantPid);
      setName(`${up.fileName} · ${fileSize(up.sizeBytes, i18n.language)}`);
      onChange?.(up.id);
    } catch (err) {
      setError(problemText(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={4}>
      <label>
        <input id={id} type="file" accept={field.accept.join(',')} style={{ display: 'none' }} onChange={(e) => void pickFile(e.target.files?.[0])} />
        <Button loading={busy} onClick={(e) => (e.currentTarget.parentElement?.querySelector('input') as HTMLInputElement | null)?.click()}>
          {value ? t('services.form.replaceFile') : t('services.form.chooseFile')}
        </Button>
      </label>
      {value !== undefined && value !== null && value !== '' && <Typography.Text type="success">✓ {name ?? t('services.form.uploaded')}</Typography.Text>}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Flex>
  );
}

export function FieldInput(props: FieldInputProps) {
  const { field, id, value, onChange } = props;
  const { t, i18n } = useTranslation();
  const options = useOptions(field);
  const label = props['aria-label'];
  switch (field.type) {
    case 'text':
      return field.multiline ? (
        <Input.TextArea id={id} aria-label={label} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} maxLength={field.maxLength} autoSize={{ minRows: 2, maxRows: 6 }} />
      ) : (
        <Input id={id} aria-label={label} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} maxLength={field.maxLength} />
      );
    case 'date':
      return (
        <Input
          id={id}
          aria-label={label}
          value={(value as string) ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
          placeholder={t(field.partial ? 'services.form.datePartialPlaceholder' : 'services.form.datePlaceholder')}
          inputMode="numeric"
          maxLength={10}
          style={{ maxWidth: 220 }}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          aria-label={label}
          value={(value as string) ?? undefined}
          onChange={(v: string) => onChange?.(v)}
          options={options}
          showSearch={options.length > 8 ? { optionFilterProp: 'label' } : false}
          placeholder={t('services.form.choose')}
          style={{ width: '100%' }}
        />
      );
    case 'pid':
      return <Input id={id} aria-label={label} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={12} style={{ maxWidth: 220 }} />;
    case 'commune':
      return <UnitPicker id={id} level="commune" value={(value as string) ?? null} onChange={(v) => onChange?.(v)} placeholder={t('services.form.communePlaceholder')} {...(label ? { 'aria-label': label } : {})} />;
    case 'number':
      return (
        <InputNumber
          id={id}
          aria-label={label}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange?.(v)}
          min={field.min}
          max={field.max}
          precision={field.integer ? 0 : undefined}
          suffix={field.unit ? pick(field.unit, i18n.language) : undefined}
          style={{ width: '100%', maxWidth: 220 }}
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          id={id}
          aria-label={label}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          options={[
            { value: true, label: t('services.common.yes') },
            { value: false, label: t('services.common.no') },
          ]}
        />
      );
    case 'file':
      return <FileField {...props} field={field} />;
  }
}
