// Form values for the procedures the tests walk through, as a citizen's form sends them.

/** A birth registration's form: a girl born in Thành Đông to the fixture family, the mother applying. */
export function birthForm(over: { fullName?: string; birthDate?: string; sex?: 'M' | 'F'; applicant?: 'mother' | 'father' } = {}) {
  return {
    'applicant.relationToChild': over.applicant ?? 'mother',
    'child.fullName': over.fullName ?? 'Nguyễn Minh An',
    'child.birthDate': over.birthDate ?? '20/11/2026',
    'child.sex': over.sex ?? 'F',
    'child.birthPlaceKind': 'other',
    'child.birthPlace': 'Số 1, phố Trần Hưng Đạo, phường Thành Đông, thành phố Hải Phòng',
    'child.ethnicity': '01',
    'child.nationality': 'VN',
    'paternity.fatherKnown': true,
    'registration.copies': 0,
  };
}
