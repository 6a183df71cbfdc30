// Derives config/admin-units/units.json (compact: what the kernel loads) from the verbatim source
// files in config/admin-units/source/. Run: node scripts/build-admin-units.ts
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { CommuneKind, UnitsData } from '../kernel/src/admin-units/admin-units.ts';
import { fold } from '../kernel/src/text/vietnamese.ts';

const parse = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

interface Ward { Code: string; Name: string; FullName: string }
interface Province { Code: string; Name: string; NameEn: string; FullName: string; Wards?: Ward[]; District?: { Code: string; Name: string; FullName: string; Ward: Ward[] | null }[] }

const stripProvince = (s: string) => fold(s).replace(/^(thu do|thanh pho|tinh)\s+/, '');

function kindOf(fullName: string): CommuneKind {
  if (fullName.startsWith('Phường')) return 'phuong';
  if (fullName.startsWith('Đặc khu')) return 'dac_khu';
  return 'xa';
}

export function buildUnitsFile(sourceDir: URL): UnitsData {
  const read = (f: string) => fs.readFileSync(new URL(f, sourceDir), 'utf8');
  const current = JSON.parse(read('vn_units_2025_34provinces_3321wards.simplified.json')) as Province[];
  const legacy = JSON.parse(read('vn_units_legacy_63provinces_696districts_10035wards.simplified.json')) as Province[];
  const bando = parse(read('sapnhap_bando_wards_2025-07-17.csv'));
  const mapping = parse(read('convert_legacy_to_2025_wards.csv'));

  const population = new Map<string, number>();
  for (const r of bando) {
    const n = Number(String(r.dansonguoi ?? '').replace(/\./g, ''));
    if (Number.isFinite(n) && n > 0) population.set(`${stripProvince(r.tentinh!)}|${fold(r.tenhc!)}`, n);
  }
  const out: UnitsData = { provinces: [], communes: [], legacyProvinces: [], legacyDistricts: [], legacyCommunes: [], mapping: [] };
  const currentCodes = new Set<string>();
  for (const p of current) {
    out.provinces.push([p.Code, p.Name, p.FullName, p.NameEn]);
    for (const w of p.Wards ?? []) {
      currentCodes.add(w.Code);
      const pop = population.get(`${stripProvince(p.FullName)}|${fold(w.Name)}`) ?? population.get(`${stripProvince(p.Name)}|${fold(w.Name)}`) ?? null;
      out.communes.push([w.Code, w.Name, w.FullName, kindOf(w.FullName), p.Code, pop]);
    }
  }
  for (const p of legacy) {
    out.legacyProvinces.push([p.Code, p.Name, p.FullName]);
    for (const d of p.District ?? []) {
      out.legacyDistricts.push([d.Code, d.Name, d.FullName, p.Code]);
      for (const w of d.Ward ?? []) out.legacyCommunes.push([w.Code, w.Name, w.FullName, d.Code, p.Code]);
    }
  }
  // Known upstream discrepancy: the mapping names Xã Ba Chẽ 06970, the 2025 list 06978.
  const fixups: Record<string, string> = { '06970': '06978' };
  const seen = new Set<string>();
  for (const r of mapping) {
    if (!r.wardCode) continue; // island districts without communes
    const legacyCode = String(Math.round(Number(r.wardCode))).padStart(5, '0');
    let to = String(r.newWardCode).padStart(5, '0');
    if (!currentCodes.has(to) && fixups[to]) to = fixups[to]!;
    const key = `${legacyCode}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.mapping.push([legacyCode, to, r.isDividedWard === 'True' ? 1 : 0]);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../config/admin-units/', import.meta.url);
  const out = buildUnitsFile(new URL('source/', dir));
  fs.writeFileSync(new URL('units.json', dir), JSON.stringify(out));
  console.log(JSON.stringify({
    provinces: out.provinces.length,
    communes: out.communes.length,
    withPopulation: out.communes.filter((c) => c[5] !== null).length,
    legacyProvinces: out.legacyProvinces.length,
    legacyDistricts: out.legacyDistricts.length,
    legacyCommunes: out.legacyCommunes.length,
    mapping: out.mapping.length,
  }));
}
