// An SD-JWT VC as the platform will use it: a residence credential issued to a citizen's wallet,
// shown to a verifier with only the claims asked for and a key binding, and every kind of tampering
// or replay refused with its reason.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeDisclosure, makeDisclosure } from './disclosure.ts';
import { SD_JWT_VC_TYP, splitSdJwt } from './format.ts';
import { issueSdJwtVc, type IssueSdJwtInput } from './issue.ts';
import { fromBase64Url, generateEs256Key, importSigningKey, isP256Jwk, parseJws, signJws, toBase64Url, type EcJwk } from './jose.ts';
import { listDisclosures, presentSdJwt } from './present.ts';
import { verifySdJwtVc, type SdJwtVerification, type VerifySdJwtOptions } from './verify.ts';

const ISS = 'https://dinhdanh.example.vn';
const VCT = 'https://dinhdanh.example.vn/credentials/noi-cu-tru';
const T0 = Date.parse('2026-03-02T09:00:00+07:00') / 1000;
const VERIFIER = { aud: 'https://ngan-hang.example.vn', nonce: 'n-4f2a9c' };

let issuer: { privateJwk: EcJwk; publicJwk: EcJwk };
let holder: { privateJwk: EcJwk; publicJwk: EcJwk };
beforeAll(async () => {
  issuer = await generateEs256Key();
  holder = await generateEs256Key();
});

const CLAIMS = {
  given_name: 'Thu Hà',
  family_name: 'Trần',
  birthdate: '1990-11-02',
  nationalities: ['VN'],
  address: { commune: 'Phường Ba Đình', province: 'Thành phố Hà Nội' },
};

function issue(over: Partial<IssueSdJwtInput> = {}) {
  return issueSdJwtVc({ signer: { privateJwk: issuer.privateJwk, kid: 'k1' }, iss: ISS, vct: VCT, iat: T0, exp: T0 + 365 * 86400, holderJwk: holder.publicJwk, claims: CLAIMS, perElement: ['nationalities'], ...over });
}
const options = (over: Partial<VerifySdJwtOptions> = {}): VerifySdJwtOptions => ({ issuerKey: issuer.publicJwk, now: (T0 + 60) * 1000, issuer: ISS, vct: VCT, ...over });
const codes = (r: SdJwtVerification) => (r.valid ? [] : r.problems.map((p) => p.code));
const present = (sdJwt: string, disclose: string[], kb = VERIFIER, iat = T0 + 30) => presentSdJwt(sdJwt, { disclose, keyBinding: { holderPrivateJwk: holder.privateJwk, ...kb, iat } });

describe('issuing', () => {
  it('signs only digests, with the SD-JWT VC header and clear claims', async () => {
    const { sdJwt, payload, disclosures } = await issue({ decoys: 3 });
    const jws = parseJws(splitSdJwt(sdJwt)!.issuerJwt)!;
    expect(jws.header).toEqual({ alg: 'ES256', typ: SD_JWT_VC_TYP, kid: 'k1' });
    expect(jws.payload).toEqual(payload);
    expect(payload).toMatchObject({ iss: ISS, iat: T0, exp: T0 + 365 * 86400, vct: VCT, cnf: { jwk: holder.publicJwk }, _sd_alg: 'sha-256' });
    expect(payload.cnf).toEqual({ jwk: { kty: 'EC', crv: 'P-256', x: holder.publicJwk.x, y: holder.publicJwk.y } });
    // four claims + three decoys in _sd, sorted; the array keeps one placeholder per element
    expect(payload._sd).toHaveLength(7);
    expect([...(payload._sd as string[])].sort()).toEqual(payload._sd);
    expect(payload.nationalities).toEqual([{ '...': disclosures.find((d) => d.value === 'VN')!.digest }]);
    const signed = JSON.stringify(payload);
    for (const secret of ['Thu Hà', 'Trần', '1990-11-02', 'Ba Đình']) expect(signed).not.toContain(secret);
    expect(disclosures.map((d) => d.name ?? `[${String(d.value)}]`)).toEqual(['given_name', 'family_name', 'birthdate', '[VN]', 'address']);
    expect(disclosures.every((d) => decodeDisclosure(d.encoded)?.digest === d.digest)).toBe(true);
  });

  it('keeps listed claims visible and uses fresh 128-bit salts', async () => {
    const { payload, disclosures } = await issue({ visible: ['family_name'] });
    expect(payload.family_name).toBe('Trần');
    expect(disclosures.map((d) => d.name)).not.toContain('family_name');
    const salts = disclosures.map((d) => d.salt);
    expect(new Set(salts).size).toBe(salts.length);
    expect(salts.every((s) => fromBase64Url(s)?.length === 16)).toBe(true);
  });

  it('refuses reserved claim names, non-arrays per element and bad keys', async () => {
    await expect(issue({ claims: { ...CLAIMS, iss: 'x' } })).rejects.toThrow(/iss/);
    await expect(issue({ claims: { ...CLAIMS, cnf: {} } })).rejects.toThrow(/cnf/);
    await expect(issue({ perElement: ['given_name'] })).rejects.toThrow(/not an array/);
    await expect(issue({ signer: { privateJwk: holder.publicJwk } })).rejects.toThrow(/private JWK/);
    await expect(issue({ holderJwk: { ...holder.publicJwk, x: 'short' } })).rejects.toThrow(/holder key/);
  });
});

describe('presenting and verifying', () => {
  it('shows only the chosen claims, bound to the verifier', async () => {
    const { sdJwt } = await issue();
    const shown = await present(sdJwt, ['family_name', 'address']);
    expect(splitSdJwt(shown)!.disclosures).toHaveLength(2);
    const r = await verifySdJwtVc(shown, options({ keyBinding: VERIFIER }));
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.claims).toEqual({
      iss: ISS,
      iat: T0,
      exp: T0 + 365 * 86400,
      vct: VCT,
      cnf: { jwk: { kty: 'EC', crv: 'P-256', x: holder.publicJwk.x, y: holder.publicJwk.y } },
      nationalities: [],
      family_name: 'Trần',
      address: CLAIMS.address,
    });
    expect(r.disclosed.map((d) => d.path.join('/')).sort()).toEqual(['address', 'family_name']); // in digest order, which is random
    expect(r.keyBinding).toEqual({ ...VERIFIER, iat: T0 + 30 });
  });

  it('selects by a test on each disclosure, array elements included', async () => {
    const { sdJwt } = await issue({ claims: { ...CLAIMS, nationalities: ['VN', 'FR'] } });
    expect(listDisclosures(sdJwt).filter((d) => d.path[0] === 'nationalities')).toEqual([
      { path: ['nationalities', 0], value: 'VN' },
      { path: ['nationalities', 1], value: 'FR' },
    ]);
    const shown = await presentSdJwt(sdJwt, { disclose: (d) => d.value === 'FR' || d.name === 'birthdate' });
    const r = await verifySdJwtVc(shown, options());
    expect(r.valid && [r.claims.nationalities, r.claims.birthdate, r.claims.given_name]).toEqual([['FR'], '1990-11-02', undefined]);
  });

  it('presents without key binding when none is asked, and every claim when all are chosen', async () => {
    const { sdJwt } = await issue();
    expect(await presentSdJwt(sdJwt, { disclose: Object.keys(CLAIMS) })).toBe(sdJwt);
    const r = await verifySdJwtVc(sdJwt, options());
    expect(r.valid && r.claims).toMatchObject(CLAIMS);
    expect(codes(await verifySdJwtVc(sdJwt, options({ keyBinding: VERIFIER })))).toEqual(['kb_missing']);
  });
});

describe('tampering, expiry and replay', () => {
  let sdJwt: string;
  let shown: string;
  beforeAll(async () => {
    sdJwt = (await issue()).sdJwt;
    shown = await present(sdJwt, ['given_name', 'birthdate']);
  });

  it('refuses a changed disclosure', async () => {
    const parts = splitSdJwt(sdJwt)!;
    const original = decodeDisclosure(parts.disclosures[2]!)!; // birthdate
    const changed = makeDisclosure(original.salt, 'birthdate', '1980-11-02').encoded;
    const r = await verifySdJwtVc(sdJwt.replace(parts.disclosures[2]!, changed), options());
    expect(codes(r)).toEqual(['unreferenced_disclosure']);
  });

  it('refuses a signature with a byte dropped, or from another key', async () => {
    const [h, p, s] = splitSdJwt(sdJwt)!.issuerJwt.split('.') as [string, string, string];
    const shortened = `${h}.${p}.${toBase64Url(fromBase64Url(s)!.subarray(1))}`;
    expect(codes(await verifySdJwtVc(sdJwt.replace(`${h}.${p}.${s}`, shortened), options()))).toEqual(['bad_signature']);
    const flipped = sdJwt.replace(`${h}.${p}.`, `${h}.${p.slice(0, 10)}${p[10] === 'A' ? 'B' : 'A'}${p.slice(11)}.`);
    expect(codes(await verifySdJwtVc(flipped, options()))).toEqual([expect.stringMatching(/^(bad_signature|malformed)$/)]);
    const stranger = await generateEs256Key();
    expect(codes(await verifySdJwtVc(sdJwt, options({ issuerKey: stranger.publicJwk })))).toEqual(['bad_signature']);
    expect(codes(await verifySdJwtVc(sdJwt, options({ issuerKey: { ...issuer.publicJwk, y: issuer.publicJwk.x } })))).toEqual(['issuer_key_invalid']);
  });

  it('checks expiry, not-before and issue time with a clock skew', async () => {
    const exp = T0 + 365 * 86400;
    expect(codes(await verifySdJwtVc(sdJwt, options({ now: (exp + 59) * 1000 })))).toEqual([]);
    expect(codes(await verifySdJwtVc(sdJwt, options({ now: (exp + 60) * 1000 })))).toEqual(['expired']);
    expect(codes(await verifySdJwtVc(sdJwt, options({ now: (exp + 10) * 1000, clockSkewSeconds: 0 })))).toEqual(['expired']);
    expect(codes(await verifySdJwtVc(sdJwt, options({ now: (T0 - 120) * 1000 })))).toEqual(['issued_in_future']);
    const later = (await issue({ nbf: T0 + 3600 })).sdJwt;
    expect(codes(await verifySdJwtVc(later, options()))).toEqual(['not_yet_valid']);
  });

  it('refuses a replayed presentation: wrong nonce, other audience, too old', async () => {
    expect(codes(await verifySdJwtVc(shown, options({ keyBinding: VERIFIER })))).toEqual([]);
    expect(codes(await verifySdJwtVc(shown, options({ keyBinding: { ...VERIFIER, nonce: 'n-next' } })))).toEqual(['kb_wrong_nonce']);
    expect(codes(await verifySdJwtVc(shown, options({ keyBinding: { ...VERIFIER, aud: 'https://khac.example.vn' } })))).toEqual(['kb_wrong_audience']);
    expect(codes(await verifySdJwtVc(shown, options({ keyBinding: VERIFIER, now: (T0 + 30 + 361) * 1000 })))).toEqual(['kb_stale']);
  });

  it('refuses a key binding moved to another presentation or signed by someone else', async () => {
    const kbJwt = shown.slice(shown.lastIndexOf('~') + 1);
    const other = await presentSdJwt(sdJwt, { disclose: ['given_name'] });
    expect(codes(await verifySdJwtVc(other + kbJwt, options({ keyBinding: VERIFIER })))).toEqual(['kb_wrong_sd_hash']);
    const thief = await generateEs256Key();
    const stolen = await presentSdJwt(sdJwt, { disclose: ['given_name'], keyBinding: { holderPrivateJwk: thief.privateJwk, ...VERIFIER, iat: T0 + 30 } });
    expect(codes(await verifySdJwtVc(stolen, options({ keyBinding: VERIFIER })))).toEqual(['kb_bad_signature']);
    const noCnf = (await issue({ holderJwk: undefined })).sdJwt;
    const unbound = await present(noCnf, ['given_name']);
    expect(codes(await verifySdJwtVc(unbound, options({ keyBinding: VERIFIER })))).toEqual(['kb_no_holder_key']);
    expect(codes(await verifySdJwtVc(`${other}not.a-kb.jwt`, options()))).toEqual(['kb_malformed']);
  });

  it('refuses a disclosure presented twice', async () => {
    const d = splitSdJwt(shown)!.disclosures[0]!;
    const doubled = `${splitSdJwt(sdJwt)!.issuerJwt}~${d}~${d}~`;
    expect(codes(await verifySdJwtVc(doubled, options()))).toEqual(['duplicate_disclosure']);
  });

  it('checks the issuer and the credential type asked for', async () => {
    expect(codes(await verifySdJwtVc(sdJwt, options({ issuer: 'https://khac.example.vn' })))).toEqual(['wrong_issuer']);
    expect(codes(await verifySdJwtVc(sdJwt, options({ vct: `${VCT}/v2` })))).toEqual(['wrong_vct']);
  });
});

describe('what a dishonest issuer could sign', () => {
  /** Signs a payload as the issuer would, so that only the SD-JWT rules can refuse it. */
  async function signed(payload: Record<string, unknown>, disclosures: string[], typ = SD_JWT_VC_TYP): Promise<string> {
    const jwt = await signJws({ alg: 'ES256', typ }, payload, await importSigningKey(issuer.privateJwk));
    return `${[jwt, ...disclosures].join('~')}~`;
  }
  const base = { iss: ISS, iat: T0, vct: VCT, _sd_alg: 'sha-256' };

  it('refuses a digest listed twice, reserved or colliding claim names, and a wrong _sd_alg', async () => {
    const a = makeDisclosure('c2FsdDE', 'given_name', 'A');
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd: [a.digest, a.digest] }, [a.encoded]), options()))).toEqual(['duplicate_digest']);
    const status = makeDisclosure('c2FsdDI', 'status', { idx: 1 });
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd: [status.digest] }, [status.encoded]), options()))).toEqual(['reserved_claim_disclosed']);
    const iss = makeDisclosure('c2FsdDM', 'iss', 'https://gia.example');
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd: [iss.digest] }, [iss.encoded]), options()))).toEqual(['duplicate_claim']);
    const sd = makeDisclosure('c2FsdDQ', '_sd', []);
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd: [sd.digest] }, [sd.encoded]), options()))).toEqual(['forbidden_claim_name']);
    const element = makeDisclosure('c2FsdDU', undefined, 'VN');
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd: [element.digest] }, [element.encoded]), options()))).toEqual(['malformed_disclosure']);
    expect(codes(await verifySdJwtVc(await signed({ ...base, _sd_alg: 'sha-1' }, []), options()))).toEqual(['unsupported_sd_alg']);
    expect(codes(await verifySdJwtVc(await signed({ iat: T0, _sd_alg: 'sha-256' }, []), options({ issuer: undefined, vct: undefined })))).toEqual(['missing_claim', 'missing_claim']);
    expect(codes(await verifySdJwtVc(await signed({ ...base, exp: 'soon' }, []), options()))).toEqual(['malformed']);
    expect(codes(await verifySdJwtVc(await signed(base, [], 'JWT'), options()))).toEqual(['wrong_typ']);
  });

  it('keeps a claim named __proto__ an ordinary claim', async () => {
    const proto = makeDisclosure('c2FsdDY', '__proto__', { polluted: true });
    const r = await verifySdJwtVc(await signed({ ...base, _sd: [proto.digest] }, [proto.encoded]), options());
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(Object.getPrototypeOf(r.claims)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r.claims, '__proto__')?.value).toEqual({ polluted: true });
  });
});

describe('keys and malformed input', () => {
  it('exports key pairs as JWKs, the public one without d', () => {
    expect(isP256Jwk(issuer.privateJwk, true)).toBe(true);
    expect(isP256Jwk(issuer.publicJwk)).toBe(true);
    expect(issuer.publicJwk).not.toHaveProperty('d');
    expect(isP256Jwk(issuer.publicJwk, true)).toBe(false);
    expect(isP256Jwk({ kty: 'RSA', n: 'x', e: 'AQAB' })).toBe(false);
  });

  it('never throws on what a verifier may be handed', async () => {
    for (const text of ['', '~', 'abc', 'a.b.c', 'a.b.c~', '~~~', `${'x'.repeat(50)}~`]) expect(codes(await verifySdJwtVc(text, options()))).toEqual(['malformed']);
    const { sdJwt } = await issue();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sdJwt.length - 1 }), fc.string({ minLength: 1, maxLength: 2 }), async (at, s) => {
        const mutated = sdJwt.slice(0, at) + s + sdJwt.slice(at + 1);
        const r = await verifySdJwtVc(mutated, options());
        if (mutated !== sdJwt && r.valid) {
          // only a change the signature does not cover can pass: a dropped trailing part is still a presentation
          expect(splitSdJwt(mutated)!.disclosures.every((d) => sdJwt.includes(d))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
