import { vi } from "vitest";

/** A fetch that answers by path, recording every request it saw. */
export function fakeFetch(routes: Record<string, (req: Request) => Response | Promise<Response>>) {
  const seen: Request[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    seen.push(req);
    const path = new URL(req.url).pathname;
    const key = `${req.method} ${path}`;
    const handler = routes[key] ?? routes[path];
    if (!handler) return json({ title: "Not Found", status: 404, detail: `no fake for ${key}` }, 404, "application/problem+json");
    return handler(req);
  });
  vi.stubGlobal("fetch", fn);
  return seen;
}

export function json(body: unknown, status = 200, type = "application/json") {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type, "X-Trace-Id": "4bf92f3577b34da6a3ce929d0e0e4736" } });
}
