// Picks a current administrative unit (a province or a commune) by typing part of its name,
// diacritics optional (GET /api/v1/units). The value is the unit's code.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { getJson } from '../api/client.ts';
import { useUnit } from '../api/reference.ts';

interface UnitMatch {
  code: string;
  fullName: string;
  path: string;
}

export interface UnitPickerProps {
  level: 'province' | 'commune';
  /** Only communes of this province. */
  province?: string | undefined;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  allowClear?: boolean;
  'aria-label'?: string;
}

export function UnitPicker({ level, province, value, onChange, placeholder, id, disabled, allowClear = true, ...rest }: UnitPickerProps) {
  const [q, setQ] = useState('');
  const current = useUnit(value);
  const found = useQuery({
    queryKey: ['units', level, province ?? '', q],
    enabled: q.trim().length > 0,
    staleTime: Infinity,
    queryFn: () =>
      getJson<{ items: UnitMatch[] }>(`/api/v1/units?${new URLSearchParams({ q: q.trim(), level, era: 'current', limit: '20', ...(province ? { province } : {}) })}`),
  });
  const options = (found.data?.items ?? []).map((u) => ({ value: u.code, label: level === 'commune' ? u.path : u.fullName }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.data ? [current.data.fullName, current.data.provinceName].filter(Boolean).join(', ') : value });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      placeholder={placeholder}
      disabled={disabled}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      notFoundContent={null}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}
