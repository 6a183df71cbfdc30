// Request and response shapes of the verification API (zod, also the OpenAPI description).
import { z } from 'zod';
import { ATTRIBUTES } from './attribute-match.ts';

const Base64 = z
  .string()
  .max(700_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const ChipFilesBody = z
  .object({
    sod: Base64.min(4).describe('EF.SOD'),
    dg1: Base64.optional().describe('DG1: the MRZ'),
    dg2: Base64.optional().describe('DG2: the face image'),
    dg11: Base64.optional(),
    dg12: Base64.optional(),
    dg13: Base64.optional().describe('DG13: Vietnamese personal data'),
    dg14: Base64.optional(),
    dg15: Base64.optional(),
  })
  .strict();

export const CheckBody = z
  .object({
    purpose: z.string().max(64).optional().describe('A verification purpose from /api/v1/purposes (required), e.g. verification_lodging'),
    source: z.enum(['eid_qr', 'id_card_qr', 'chip', 'typed']).describe('What the person presented'),
    qr: z.string().max(4000).optional().describe('The scanned QR text (eid_qr, id_card_qr)'),
    chip: ChipFilesBody.optional().describe('Files read from the chip, base64 (chip)'),
    attributes: z
      .object({
        pid: z.string().max(20).optional(),
        fullName: z.string().max(120).optional(),
        birthDate: z.string().max(20).optional().describe('yyyy-mm-dd, dd/mm/yyyy, or a partial date'),
        sex: z.enum(['M', 'F']).optional(),
        oldId: z.string().max(20).optional().describe('Old CMND number (9 or 12 digits)'),
      })
      .strict()
      .optional()
      .describe('Attributes read off a document (typed)'),
  })
  .strict();

const Status = z.enum(['passed', 'failed', 'not_possible', 'not_checked']);
const Result = z.enum(['match', 'no_match', 'not_checked']);
const attrs = <T extends z.ZodType>(t: T) => z.object(Object.fromEntries(ATTRIBUTES.map((a) => [a, t.optional()])) as Record<(typeof ATTRIBUTES)[number], z.ZodOptional<T>>);

export const CheckResponse = z.object({
  id: z.string(),
  at: z.string(),
  purpose: z.string(),
  source: z.enum(['eid_qr', 'id_card_qr', 'chip', 'typed']),
  result: z.enum(['green', 'amber', 'red']).describe('green: all checks passed; amber: nothing failed but something could not be checked; red: a check failed or an attribute does not match'),
  checks: z.array(z.object({ name: z.string(), status: Status, reason: z.string().optional() })),
  attributes: attrs(Result).describe('Per attribute presented: does the registry agree? Never the registry’s value'),
  presented: attrs(z.string()).describe('The attributes as read from what was presented'),
  accountLevel: z.union([z.literal(1), z.literal(2)]).optional(),
  qr: z.object({ issuedAt: z.string(), expiresAt: z.string() }).optional(),
  card: z
    .object({
      signed: z.literal(false),
      verdict: z.enum(['unverified', 'confirmed_by_registry', 'contradicted']),
      warnings: z.array(z.object({ code: z.string(), message: z.object({ vi: z.string(), en: z.string() }) })),
      communeSuggestion: z
        .object({
          via: z.enum(['current', 'legacy']),
          divided: z.boolean(),
          communes: z.array(z.object({ code: z.string(), fullName: z.string(), province: z.string() })),
          note: z.object({ vi: z.string(), en: z.string() }),
        })
        .nullable()
        .describe('The current commune(s) the printed address most likely lies in: a suggestion, never a fact'),
    })
    .optional(),
  chip: z
    .object({
      verdict: z.enum(['genuine', 'forged', 'unverified']).describe('forged: a signature or hash failed; unverified: the chain to a trusted CSCA could not be built, or a certificate is out of date'),
      checks: z.array(z.object({ id: z.string(), status: z.enum(['passed', 'failed', 'not_possible']), required: z.boolean(), detail: z.object({ vi: z.string(), en: z.string() }) })),
    })
    .optional(),
  photo: z.object({ mimeType: z.string(), data: z.string() }).optional(),
});

export const OrganisationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:@._-]{2,99}$/, 'organisation id: letters, digits and : @ . _ -');

export const OrganisationBody = z
  .object({
    name: z.string().trim().min(2).max(200),
    purposes: z.array(z.string().max(64)).min(1).max(20),
    perMinute: z.number().int().min(1).max(1_000_000).default(600),
    dailyQuota: z.number().int().min(1).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

export const OrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  purposes: z.array(z.string()),
  perMinute: z.number(),
  dailyQuota: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
