import createClient, { type Middleware } from "openapi-fetch";
import type { paths as CatalogPaths, components as Catalog } from "./generated/catalog";
import type { paths as OrderPaths, components as Orders } from "./generated/orders";
import type { paths as PaymentPaths } from "./generated/payments";
import type { paths as UserPaths } from "./generated/users";
import type { paths as NotificationPaths, components as Notifications } from "./generated/notifications";
import type { paths as GatewayPaths, components as Gateway } from "./generated/gateway";
import { accessToken } from "../auth";
import { ProblemError, toProblem } from "./problem";

/** Types come only from the generated OpenAPI types (scripts/gen-api.mjs). */
export type Product = Catalog["schemas"]["ProductView"];
export type ProductRequest = Catalog["schemas"]["ProductRequest"];
export type StockLevel = Catalog["schemas"]["StockLevel"];
export type Category = Catalog["schemas"]["CategoryView"];
export type Order = Orders["schemas"]["OrderView"];
export type OrderSummary = Orders["schemas"]["OrderSummary"];
export type Notification = Notifications["schemas"]["NotificationView"];
/** The same platform/messaging record in every service's document. */
export type DeadLetter = Orders["schemas"]["DeadLetter"];
export type BlockEntry = Gateway["schemas"]["Entry"];

/** The trace id of the last response (the gateway's X-Trace-Id), for an SRE link. */
export let lastTraceId: string | null = null;

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (!token) return request;
    request.headers.set("Authorization", `Bearer ${token}`);
    // The catalogue's lists are public, max-age=10..30 (a shopper may see them a few seconds old). A signed-in
    // user, above all an admin who has just created or changed a product, must see their own write: revalidate.
    return new Request(request, { cache: "no-cache" });
  },
  async onResponse({ response }) {
    lastTraceId = response.headers.get("X-Trace-Id") ?? lastTraceId;
    if (!response.ok) {
      throw new ProblemError(await toProblem(response), response.headers.get("X-Trace-Id"));
    }
    return response;
  },
};

function client<P extends {}>() {
  const c = createClient<P>({ baseUrl: location.origin, fetch: (request) => globalThis.fetch(request) });
  c.use(auth);
  return c;
}

export const catalog = client<CatalogPaths>();
export const orders = client<OrderPaths>();
export const payments = client<PaymentPaths>();
export const users = client<UserPaths>();
export const notifications = client<NotificationPaths>();
export const gateway = client<GatewayPaths>();

/** The body of a successful call (errors were thrown as ProblemError by the middleware). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
