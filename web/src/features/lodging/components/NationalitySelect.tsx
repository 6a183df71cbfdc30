// A foreign guest's nationality as an ISO 3166-1 alpha-3 code (as printed in the passport's
// machine-readable zone), picked by name or code; the names come from the browser (Intl) in the
// current language. Any other three-letter code can be typed.
import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { fold } from '@open06/kernel';
import { useTranslation } from 'react-i18next';

// alpha-3 → alpha-2 (which Intl names): the countries whose citizens most often stay in Viet Nam
// first, then the rest of a wider list in alphabetical order of code.
const COUNTRIES: Record<string, string> = {
  KOR: 'KR', CHN: 'CN', USA: 'US', JPN: 'JP', TWN: 'TW', AUS: 'AU', RUS: 'RU', THA: 'TH', MYS: 'MY', SGP: 'SG', IND: 'IN', FRA: 'FR', DEU: 'DE', GBR: 'GB',
  CAN: 'CA', KHM: 'KH', LAO: 'LA', PHL: 'PH', IDN: 'ID', HKG: 'HK',
  ARE: 'AE', ARG: 'AR', AUT: 'AT', BEL: 'BE', BGD: 'BD', BGR: 'BG', BLR: 'BY', BOL: 'BO', BRA: 'BR', BRN: 'BN', CHE: 'CH', CHL: 'CL', COL: 'CO', CUB: 'CU',
  CYP: 'CY', CZE: 'CZ', DNK: 'DK', DZA: 'DZ', ECU: 'EC', EGY: 'EG', ESP: 'ES', EST: 'EE', ETH: 'ET', FIN: 'FI', GHA: 'GH', GRC: 'GR', HRV: 'HR', HUN: 'HU',
  IRL: 'IE', IRN: 'IR', IRQ: 'IQ', ISL: 'IS', ISR: 'IL', ITA: 'IT', JOR: 'JO', KAZ: 'KZ', KEN: 'KE', KWT: 'KW', LBN: 'LB', LKA: 'LK', LTU: 'LT', LUX: 'LU',
  LVA: 'LV', MAC: 'MO', MAR: 'MA', MEX: 'MX', MLT: 'MT', MMR: 'MM', MNG: 'MN', NGA: 'NG', NLD: 'NL', NOR: 'NO', NPL: 'NP', NZL: 'NZ', OMN: 'OM', PAK: 'PK',
  PER: 'PE', POL: 'PL', PRK: 'KP', PRT: 'PT', PRY: 'PY', QAT: 'QA', ROU: 'RO', SAU: 'SA', SRB: 'RS', SVK: 'SK', SVN: 'SI', SWE: 'SE', TLS: 'TL', TUN: 'TN',
  TUR: 'TR', UKR: 'UA', URY: 'UY', UZB: 'UZ', VEN: 'VE', ZAF: 'ZA',
};

const names = new Map<string, Intl.DisplayNames>();

/** The country's name in the language (the code itself when the browser has no name for it). */
export function nationalityName(code: string, lang: string): string {
  const a2 = COUNTRIES[code];
  if (!a2) return code;
  let dn = names.get(lang);
  if (!dn) {
    dn = new Intl.DisplayNames([lang === 'en' ? 'en' : 'vi'], { type: 'region' });
    names.set(lang, dn);
  }
  return dn.of(a2) ?? code;
}

export function NationalitySelect({ value, onChange, id, ...rest }: { value?: string; onChange?: (v: string) => void; id?: string; 'aria-label'?: string }) {
  const { i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const options = useMemo(() => Object.keys(COUNTRIES).map((code) => ({ value: code, label: `${nationalityName(code, i18n.language)} (${code})` })), [i18n.language]);
  const typed = search.trim().toUpperCase();
  const extra = /^[A-Z]{3}$/.test(typed) && !COUNTRIES[typed] ? [{ value: typed, label: typed }] : [];
  const current = value && !COUNTRIES[value] && value !== typed ? [{ value, label: value }] : [];
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={[...current, ...extra, ...options]}
      showSearch={{ onSearch: setSearch, filterOption: (input, o) => fold(String(o?.label ?? '')).includes(fold(input)) }}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}
