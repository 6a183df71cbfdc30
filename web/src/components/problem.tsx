// Showing the API's problem+json answers: the server already translated them (Accept-Language),
// so screens show its `detail` and the message of each bad field, never a text of their own.
import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** The server's explanation of an error: detail (or title) and the messages of its field errors. */
export function problemText(err: unknown): { message: string; details: string[] } {
  if (!(err instanceof ApiError)) return { message: String((err as Error)?.message ?? err), details: [] };
  const p = err.problem;
  return { message: p.detail ?? p.title, details: (p.errors ?? []).map((e) => e.message) };
}

export function ProblemAlert({ error, testId = 'problem' }: { error: unknown; testId?: string }) {
  const { message, details } = problemText(error);
  return (
    <Alert
      type={error instanceof ApiError && error.problem.status === 404 ? 'warning' : 'error'}
      showIcon
      title={message}
      description={details.length ? details.join(' ') : undefined}
      data-testid={testId}
      role="alert"
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * Puts the server's field errors on a form's fields (`body.place` → `place`, `query.birthDate` →
 * `birthDate`, or as `rename` says); returns the error left for an alert (null when fields took all).
 */
export function applyProblem(form: FormInstance, err: unknown, fields: readonly string[], rename: Record<string, string> = {}): unknown {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return err;
  const fieldOf = (path: string) => rename[path] ?? /^(?:body|query)\.([A-Za-z_]+)(?:\.|$)/.exec(path)?.[1];
  const taken = err.problem.errors.filter((e) => {
    const f = fieldOf(e.path);
    return f !== undefined && fields.includes(f);
  });
  form.setFields(taken.map((e) => ({ name: fieldOf(e.path)!, errors: [e.message] })));
  const rest = err.problem.errors.filter((e) => !taken.includes(e));
  if (!rest.length && !err.problem.detail) return null;
  return new ApiError({ ...err.problem, errors: rest });
}

/** For a form's onValuesChange: a field the person edits loses the server's error about it. */
export function clearErrorsOnChange(form: FormInstance) {
  return (changed: object) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })));
}
