// i18next with Vietnamese first (default) and English; the choice is kept in localStorage and
// mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';

// Each feature keeps its own texts in `features/<feature>/locales/{vi,en}.json`; they are mounted
// under the feature's name (`t('police.find.title')`). `vi.json` / `en.json` here hold the shell's.
const featureTexts = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/*.json', { eager: true });
function withFeatures(lang: Lang, base: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [file, mod] of Object.entries(featureTexts)) {
    const m = /features\/([^/]+)\/locales\/(vi|en)\.json$/.exec(file);
    if (m && m[2] === lang) out[m[1]!] = mod.default;
  }
  return out;
}

export type Lang = 'vi' | 'en';
const KEY = 'open06.lang';

export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return saved === 'en' ? 'en' : 'vi';
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: withFeatures('vi', vi) }, en: { translation: withFeatures('en', en) } },
  lng: initialLang(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
