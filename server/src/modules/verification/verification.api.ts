// What other modules may ask of the verification module (lodging, checkpoints, services), and the
// small ports it needs from the others.
import type { Actor } from '../../http/authz.ts';
import type { Text } from '../../http/errors.ts';
import type { AttributeName, AttributeResult, CheckLine, Colour } from './verify/attribute-match.ts';

export type Source = 'eid_qr' | 'id_card_qr' | 'chip' | 'typed';
export const SOURCES: readonly Source[] = ['eid_qr', 'id_card_qr', 'chip', 'typed'];

/** Data groups a chip reader sent, base64 (EF.SOD is required, the rest as read). */
export interface ChipFilesInput {
  sod: string;
  dg1?: string | undefined;
  dg2?: string | undefined;
  dg11?: string | undefined;
  dg12?: string | undefined;
  dg13?: string | undefined;
  dg14?: string | undefined;
  dg15?: string | undefined;
}

/** Attributes read off a document by a person (typed at a desk). */
export interface TypedAttributes {
  pid?: string | undefined;
  fullName?: string | undefined;
  birthDate?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  oldId?: string | undefined;
}

export interface CheckInput {
  /** Why the check is made (config/purposes.json, a purpose flagged `verification`). */
  purpose?: string | undefined;
  source: Source;
  /** The QR text (source `eid_qr` or `id_card_qr`). */
  qr?: string | undefined;
  chip?: ChipFilesInput | undefined;
  attributes?: TypedAttributes | undefined;
}

export interface CheckResult {
  id: string;
  at: string;
  purpose: string;
  source: Source;
  result: Colour;
  /** Each check made, in order, with the reason when it did not pass. */
  checks: CheckLine[];
  /** Per attribute presented: does it match the registry? Never the registry's value. */
  attributes: Partial<Record<AttributeName, AttributeResult>>;
  /** The attributes as read from what was presented (the QR, the chip, the typed form). */
  presented: Partial<Record<AttributeName, string>>;
  /** e-ID account level (e-ID QR only). */
  accountLevel?: 1 | 2;
  /** e-ID QR: its validity window. */
  qr?: { issuedAt: string; expiresAt: string };
  /**
   * Printed ID-card QR: unsigned, so only the registry can confirm it. `communeSuggestion`: the
   * current commune(s) the printed address (often pre-2025 units) most likely lies in — a
   * suggestion for the clerk, never a fact; the address itself is not returned.
   */
  card?: {
    signed: false;
    verdict: 'unverified' | 'confirmed_by_registry' | 'contradicted';
    warnings: { code: string; message: Text }[];
    communeSuggestion: { via: 'current' | 'legacy'; divided: boolean; communes: { code: string; fullName: string; province: string }[]; note: Text } | null;
  };
  /** Chip passive authentication: the verdict and every check behind it. */
  chip?: { verdict: 'genuine' | 'forged' | 'unverified'; checks: { id: string; status: 'passed' | 'failed' | 'not_possible'; required: boolean; detail: Text }[] };
  /** Face image from the chip (DG2), only for purposes that allow it. */
  photo?: { mimeType: string; data: string };
}

export interface VerificationApi {
  /** Verifies what a person presented, as `actor` (same rules, metering and access log as over HTTP). */
  check(ctx: { actor: Actor; requestId?: string | undefined }, input: CheckInput): Promise<CheckResult>;
}

/** What the module needs from identity: a citizen's e-ID account. */
export interface IdentityPort {
  findAccount(pid: string): Promise<{ level: 1 | 2; status: 'active' | 'suspended' } | undefined>;
}
