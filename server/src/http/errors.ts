// Errors the application throws on purpose. The HTTP layer turns them into RFC 9457
// problem+json in Vietnamese or English; anything else becomes a generic 500.
export type Lang = 'vi' | 'en';
export type Text = Readonly<Record<Lang, string>>;

export interface FieldProblem {
  /** Where the problem is, e.g. `body.birthDate`, `query.purpose`, or a CSV column. */
  path: string;
  code: string;
  message: Text;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: Text;
  readonly detail: Text | undefined;
  readonly fields: readonly FieldProblem[];
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: string,
    title: Text,
    opts: { detail?: Text; fields?: readonly FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(opts.detail?.en ?? title.en);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = opts.detail;
    this.fields = opts.fields ?? [];
    this.headers = opts.headers ?? {};
  }
}

export class ValidationError extends AppError {
  constructor(fields: readonly FieldProblem[], detail?: Text) {
    super(400, 'validation', { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' }, { fields, ...(detail ? { detail } : {}) });
  }
  /** One bad field. */
  static field(path: string, code: string, message: Text): ValidationError {
    return new ValidationError([{ path, code, message }]);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail: Text = { vi: 'Cần đăng nhập hoặc mã truy cập hợp lệ.', en: 'A valid access token is required.' }) {
    super(401, 'unauthorized', { vi: 'Chưa xác thực', en: 'Unauthorized' }, { detail, headers: { 'www-authenticate': 'Bearer' } });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: Text) {
    super(403, 'forbidden', { vi: 'Không có quyền', en: 'Forbidden' }, { detail });
  }
}

export class NotFoundError extends AppError {
  constructor(detail: Text) {
    super(404, 'not_found', { vi: 'Không tìm thấy', en: 'Not found' }, { detail });
  }
}

export class ConflictError extends AppError {
  constructor(detail: Text, fields?: readonly FieldProblem[]) {
    super(409, 'conflict', { vi: 'Xung đột dữ liệu', en: 'Conflict' }, { detail, ...(fields ? { fields } : {}) });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'rate_limited',
      { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
      {
        detail: { vi: `Vui lòng thử lại sau ${retryAfterSeconds} giây.`, en: `Try again in ${retryAfterSeconds} s.` },
        headers: { 'retry-after': String(retryAfterSeconds) },
      },
    );
  }
}
