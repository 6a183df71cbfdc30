// The one error the card kit throws: input that cannot be used (a QR payload that is not an ID-card
// payload, an MRZ with the wrong shape, a truncated TLV). Carries a stable code and a Vietnamese and
// English message, so the server can turn it into problem+json and a reader app can show it.
export interface CardMessage {
  vi: string;
  en: string;
}

export class CardInputError extends Error {
  readonly code: string;
  readonly text: CardMessage;
  constructor(code: string, text: CardMessage) {
    super(text.en);
    this.name = 'CardInputError';
    this.code = code;
    this.text = text;
  }
}
