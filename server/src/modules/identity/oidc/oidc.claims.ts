// Claims released to relying parties, read from the registry at the moment of release (with the
// relying party named as the reader in the access log) and carrying each value's source.
import type { RegistryApi } from '../../registry/index.ts';

export const SCOPES = ['openid', 'offline_access', 'profile', 'pid', 'address', 'household', 'phone', 'email'] as const;

/** Which claims each scope releases (OIDC standard names, plus `pid` and `household`). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub', 'acr'],
  profile: ['name', 'family_name', 'middle_name', 'given_name', 'birthdate', 'gender', 'claim_sources'],
  pid: ['pid'],
  address: ['address'],
  household: ['household'],
  phone: ['phone_number'],
  email: ['email'],
};

/** What the consent screen says about each scope. */
export const SCOPE_LABELS: Record<string, { vi: string; en: string }> = {
  openid: { vi: 'Xác nhận bạn đã đăng nhập', en: 'Confirm that you are logged in' },
  offline_access: { vi: 'Duy trì đăng nhập khi bạn không dùng dịch vụ', en: 'Stay signed in while you are away' },
  profile: { vi: 'Họ tên, ngày sinh, giới tính', en: 'Name, date of birth, sex' },
  pid: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  address: { vi: 'Nơi thường trú', en: 'Permanent residence' },
  household: { vi: 'Thông tin hộ (mã hộ, quan hệ với chủ hộ)', en: 'Household (code, relation to the head)' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
};

export async function registryClaims(registry: RegistryApi, pid: string, reader: string, account: { phone: string | null; email: string | null }) {
  const p = await registry.getPerson({ actor: { sub: reader, role: 'identity_provider' }, purpose: 'claims_release' }, pid);
  const permanent = p.residences?.find((r) => r.kind === 'permanent');
  const sourceOf = (attr: string) => {
    const s = p.sources?.changed[attr] ?? p.sources?.record;
    return s ? { source: s.source, updated_at: s.updatedAt } : undefined;
  };
  return {
    name: p.fullName,
    family_name: p.familyName,
    middle_name: p.middleName,
    given_name: p.givenName,
    birthdate: p.birthDate,
    gender: p.sex === 'M' ? 'male' : 'female',
    pid: p.pid,
    address: permanent
      ? {
          formatted: [permanent.detail, permanent.communeName, permanent.provinceName].filter(Boolean).join(', '),
          street_address: permanent.detail,
          locality: permanent.communeName,
          region: permanent.provinceName,
          country: 'VN',
          commune_code: permanent.communeCode,
        }
      : undefined,
    household: p.household ? { code: p.household.code, relation: p.household.relation, head: p.household.headPid === p.pid } : undefined,
    phone_number: account.phone ?? p.phone ?? undefined,
    email: account.email ?? p.email ?? undefined,
    claim_sources: Object.fromEntries(
      [['name', 'fullName'], ['birthdate', 'birthDate'], ['gender', 'sex'], ['address', 'residences'], ['household', 'household']].map(([claim, attr]) => [claim, sourceOf(attr!)]),
    ),
  };
}
