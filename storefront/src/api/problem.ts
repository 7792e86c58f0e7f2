/** RFC 9457 problem details as every service and the gateway answer errors; shown to the user as a message. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field?: string; message?: string }[];
  traceId?: string;
}

export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly traceId: string | null,
  ) {
    super(describe(problem));
  }
}

export function describe(problem: Problem): string {
  const head = problem.detail || problem.title || `Request failed (${problem.status ?? "network"})`;
  const fields = (problem.errors ?? []).map((e) => `${e.field ?? ""}: ${e.message ?? ""}`).join("; ");
  return fields ? `${head} (${fields})` : head;
}

/** Any response that is not ok becomes a Problem, also when the body is not problem+json (a proxy's 502). */
export async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await response.clone().json()) as Problem;
      return { status: response.status, ...body };
    } catch {
      /* fall through */
    }
  }
  return { status: response.status, title: response.statusText || "Request failed" };
}

export function messageOf(error: unknown): string {
  if (error instanceof ProblemError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
