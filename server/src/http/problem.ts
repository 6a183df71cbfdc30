// RFC 9457 problem+json for every error, in the language the client asked for.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import * as locales from 'zod/v4/locales';
import { AppError, type FieldProblem, type Lang } from './errors.ts';

export const PROBLEM_BASE = 'https://open06.github.io/problems/';

/** `Accept-Language: en…` → English; anything else → Vietnamese (the default). */
export function langOf(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  if (!header) return 'vi';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

const vi = locales.vi();
const en = locales.en();

/** Turns zod issues for one part of a request into field problems with both languages. */
export function zodFieldProblems(part: string, issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const path = [part, ...issue.path.map(String)].join('.');
    if (issue.code === 'custom') return { path, code: 'custom', message: { vi: issue.message, en: issue.message } };
    const raw = issue as unknown as z.core.$ZodRawIssue;
    return { path, code: issue.code, message: { vi: vi.localeError(raw) as string, en: en.localeError(raw) as string } };
  });
}

export function problemBody(err: AppError, lang: Lang, instance: string, correlationId: string) {
  return {
    type: PROBLEM_BASE + err.code,
    title: err.title[lang],
    status: err.status,
    ...(err.detail ? { detail: err.detail[lang] } : {}),
    instance,
    code: err.code,
    ...(err.fields.length
      ? { errors: err.fields.map((f) => ({ path: f.path, code: f.code, message: f.message[lang] })) }
      : {}),
    correlationId,
  };
}

function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply
    .status(err.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(err, langOf(req), req.url, req.id));
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) return sendProblem(reply, req, error);
    const status = (error as FastifyError).statusCode ?? 500;
    if (status < 500) {
      // Framework-level client errors (malformed JSON, unsupported media type, body too large …)
      const fe = error as FastifyError;
      const generic = new AppError(status, fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'bad_request', {
        vi: 'Yêu cầu không hợp lệ',
        en: 'Bad request',
      }, { detail: { vi: viClientError(fe), en: fe.message } });
      return sendProblem(reply, req, generic);
    }
    req.log.error({ err: error, correlationId: req.id }, 'unhandled error');
    return sendProblem(
      reply,
      req,
      new AppError(500, 'internal', { vi: 'Lỗi hệ thống', en: 'Internal error' }, {
        detail: {
          vi: `Đã xảy ra lỗi. Vui lòng thử lại; mã tham chiếu ${req.id}.`,
          en: `Something went wrong. Please retry; reference ${req.id}.`,
        },
      }),
    );
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, new AppError(404, 'not_found', { vi: 'Không tìm thấy', en: 'Not found' }, {
      detail: { vi: `Không có địa chỉ ${req.method} ${req.url}.`, en: `No route ${req.method} ${req.url}.` },
    })),
  );
}

function viClientError(e: FastifyError): string {
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Nội dung JSON không hợp lệ.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Nội dung gửi lên quá lớn.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Kiểu nội dung không được hỗ trợ.';
    default:
      return 'Yêu cầu không hợp lệ.';
  }
}
