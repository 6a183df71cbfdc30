// The EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode (MPM) data objects:
// ID (2 digits) · length (2 digits) · value, concatenated; templates hold the same structure inside
// their value. Lengths count characters (code points), as in the specification's own example where
// the Chinese merchant name 最佳运输 has length 04. The CRC (ID 63) is a CRC-16/CCITT-FALSE over the
// UTF-8 bytes of everything before its value, its own ID and length "6304" included.

export interface TlvField {
  id: string;
  value: string;
}

export type TlvParse = { ok: true; fields: TlvField[] } | { ok: false; at: number };

/** Splits `text` into data objects; on a broken one, the character offset where it starts. */
export function parseTlv(text: string): TlvParse {
  const chars = Array.from(text);
  const fields: TlvField[] = [];
  let i = 0;
  while (i < chars.length) {
    const head = chars.slice(i, i + 4).join('');
    if (!/^\d{4}$/.test(head)) return { ok: false, at: i };
    const length = Number(head.slice(2));
    if (length === 0 || i + 4 + length > chars.length) return { ok: false, at: i };
    fields.push({ id: head.slice(0, 2), value: chars.slice(i + 4, i + 4 + length).join('') });
    i += 4 + length;
  }
  return { ok: true, fields };
}

/** Encodes data objects; throws RangeError for an ID that is not two digits or a value of 0 or more than 99 characters. */
export function encodeTlv(fields: readonly TlvField[]): string {
  return fields
    .map(({ id, value }) => {
      const length = Array.from(value).length;
      if (!/^\d{2}$/.test(id)) throw new RangeError(`a data object ID is two digits, not ${JSON.stringify(id)}`);
      if (length < 1 || length > 99) throw new RangeError(`data object ${id} must hold 1–99 characters, not ${length}`);
      return `${id}${String(length).padStart(2, '0')}${value}`;
    })
    .join('');
}

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR. */
export function crc16CcittFalse(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The four upper-case hex digits of the CRC of a payload that ends with "6304". */
export function emvCrc(payloadThrough6304: string): string {
  return crc16CcittFalse(new TextEncoder().encode(payloadThrough6304)).toString(16).toUpperCase().padStart(4, '0');
}
