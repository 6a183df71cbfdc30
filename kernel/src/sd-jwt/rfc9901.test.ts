// Interoperability: the worked examples of RFC 9901 verify here exactly as the RFC describes —
// disclosure digests, the issuer's signature, the disclosed claims, the Key Binding JWT — and
// fail the way they should when a verifier changes what it expects.
import { describe, expect, it } from 'vitest';
import { decodeDisclosure, makeDisclosure } from './disclosure.ts';
import { RFC_DISCLOSURES, RFC_ISSUER_JWT, RFC_ISSUER_KEY, RFC_PRESENTATION_KB } from './rfc9901.fixtures.ts';
import { verifySdJwtVc, type VerifySdJwtOptions } from './verify.ts';

const KB_IAT = 1748537244;
const plain = (over: Partial<VerifySdJwtOptions> = {}): VerifySdJwtOptions => ({ issuerKey: RFC_ISSUER_KEY, now: KB_IAT * 1000, profile: 'sd-jwt', ...over });
const codes = (r: Awaited<ReturnType<typeof verifySdJwtVc>>) => (r.valid ? [] : r.problems.map((p) => p.code));

describe('RFC 9901 examples', () => {
  it('hashes the disclosures to the digests of §5.1', () => {
    expect(decodeDisclosure(RFC_DISCLOSURES.given_name)).toEqual({
      encoded: RFC_DISCLOSURES.given_name,
      digest: 'jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4',
      salt: '2GLC42sKQveCfGfryNRN9w',
      name: 'given_name',
      value: 'John',
    });
    expect(decodeDisclosure(RFC_DISCLOSURES.family_name)!.digest).toBe('TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo');
    expect(decodeDisclosure(RFC_DISCLOSURES.nationality_us)).toMatchObject({ digest: 'pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo', value: 'US' });
    expect(decodeDisclosure(RFC_DISCLOSURES.nationality_us)!.name).toBeUndefined();
    // the RFC's JSON has spaces after commas; ours has none, so the same claim gives another digest
    expect(makeDisclosure('2GLC42sKQveCfGfryNRN9w', 'given_name', 'John').encoded).not.toBe(RFC_DISCLOSURES.given_name);
  });

  it('verifies the SD-JWT of §5.1 with all ten disclosures', async () => {
    const all = `${[RFC_ISSUER_JWT, ...Object.values(RFC_DISCLOSURES)].join('~')}~`;
    const r = await verifySdJwtVc(all, plain());
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.claims).toEqual({
      iss: 'https://issuer.example.com',
      iat: 1683000000,
      exp: 1883000000,
      sub: 'user_42',
      nationalities: ['US', 'DE'],
      cnf: { jwk: { kty: 'EC', crv: 'P-256', x: 'TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc', y: 'ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ' } },
      given_name: 'John',
      family_name: 'Doe',
      email: 'johndoe@example.com',
      phone_number: '+1-202-555-0101',
      phone_number_verified: true,
      address: { street_address: '123 Main St', locality: 'Anytown', region: 'Anystate', country: 'US' },
      birthdate: '1940-01-01',
      updated_at: 1570000000,
    });
    expect(r.disclosed).toHaveLength(10);
  });

  it('verifies the presentation of §5.2 and its Key Binding JWT', async () => {
    const r = await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ keyBinding: { aud: 'https://verifier.example.org', nonce: '1234567890' } }));
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.keyBinding).toEqual({ aud: 'https://verifier.example.org', nonce: '1234567890', iat: KB_IAT });
    expect(r.claims).toMatchObject({ given_name: 'John', family_name: 'Doe', nationalities: ['US'], address: { locality: 'Anytown' } });
    for (const hidden of ['email', 'phone_number', 'phone_number_verified', 'birthdate', 'updated_at']) expect(r.claims).not.toHaveProperty(hidden);
    expect(r.claims).not.toHaveProperty('_sd');
    expect(r.claims).not.toHaveProperty('_sd_alg');
  });

  it('refuses the same presentation under other expectations', async () => {
    const kb = { aud: 'https://verifier.example.org', nonce: '1234567890' };
    expect(codes(await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ keyBinding: { ...kb, nonce: '0987654321' } })))).toEqual(['kb_wrong_nonce']);
    expect(codes(await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ keyBinding: { ...kb, aud: 'https://other.example.org' } })))).toEqual(['kb_wrong_audience']);
    expect(codes(await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ keyBinding: kb, now: (KB_IAT + 3600) * 1000 })))).toEqual(['kb_stale']);
    expect(codes(await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ now: 1883000000 * 1000 + 61_000 })))).toEqual(['expired']);
    // an SD-JWT VC verifier wants typ dc+sd-jwt; the RFC's example is typed example+sd-jwt
    expect(codes(await verifySdJwtVc(RFC_PRESENTATION_KB, plain({ profile: 'sd-jwt-vc' })))).toEqual(['wrong_typ']);
    // a disclosure added or dropped after the KB-JWT was made
    const withoutKb = RFC_PRESENTATION_KB.slice(0, RFC_PRESENTATION_KB.lastIndexOf('~') + 1);
    const kbJwt = RFC_PRESENTATION_KB.slice(RFC_PRESENTATION_KB.lastIndexOf('~') + 1);
    expect(codes(await verifySdJwtVc(`${withoutKb}${RFC_DISCLOSURES.email}~${kbJwt}`, plain({ keyBinding: kb })))).toEqual(['kb_wrong_sd_hash']);
    expect(codes(await verifySdJwtVc(withoutKb, plain({ keyBinding: kb })))).toEqual(['kb_missing']);
  });

  it('refuses a disclosure the issuer did not sign', async () => {
    const forged = makeDisclosure('2GLC42sKQveCfGfryNRN9w', 'given_name', 'Johnny').encoded;
    const r = await verifySdJwtVc(`${RFC_ISSUER_JWT}~${RFC_DISCLOSURES.family_name}~${forged}~`, plain());
    expect(r.valid ? [] : r.problems.map((p) => [p.code, p.detail])).toEqual([['unreferenced_disclosure', forged]]);
  });
});
