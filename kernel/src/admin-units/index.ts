// @open06/kernel/admin-units — loads config/admin-units/units.json once (Node only).
import fs from 'node:fs';
import { AdminUnits, type UnitsData } from './admin-units.ts';

let loaded: AdminUnits | undefined;

export function loadAdminUnits(): AdminUnits {
  loaded ??= new AdminUnits(JSON.parse(fs.readFileSync(new URL('../../../config/admin-units/units.json', import.meta.url), 'utf8')) as UnitsData);
  return loaded;
}

export { AdminUnits, bareName } from './admin-units.ts';
export type { Commune, CommuneKind, LegacyCommune, LegacyDistrict, LegacyProvince, Province, SearchOptions, UnitMatch, UnitsData } from './admin-units.ts';
