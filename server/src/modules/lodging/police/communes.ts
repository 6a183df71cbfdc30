// The communes whose lodging an officer sees (permission lodging.read; null = every commune),
// narrowed to one when asked — which must be theirs.
import { jurisdiction, requirePermission, type Actor } from '../../../http/authz.ts';
import { ValidationError } from '../../../http/errors.ts';

export function policeCommunes(actor: Actor, communeCode?: string): string[] | null {
  requirePermission(actor, 'lodging.read');
  const j = jurisdiction(actor);
  const all = j.kind === 'national' ? null : j.kind === 'communes' ? j.codes : [];
  if (communeCode === undefined) return all;
  if (all !== null && !all.includes(communeCode))
    throw ValidationError.field('query.communeCode', 'outside_jurisdiction', { vi: 'Xã, phường này không thuộc địa bàn của bạn.', en: 'This commune is outside your jurisdiction.' });
  return [communeCode];
}
