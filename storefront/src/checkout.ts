import { orders, ok, lastTraceId, type Order } from "./api/client";
import { cart, clearCart, type CartLine } from "./cart";

const KEY = "shop.checkout.key";
const TRACES = "shop.order.traces";

/**
 * One Idempotency-Key per checkout attempt, kept until the order exists: a double click, a retry after a
 * timeout or a reload sends the same key, and the server answers with the same order instead of a second.
 */
export function checkoutKey(): string {
  let key = sessionStorage.getItem(KEY);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(KEY, key);
  }
  return key;
}

let inFlight: Promise<Order> | null = null;

export function placeOrder(lines: CartLine[] = cart.value): Promise<Order> {
  if (inFlight) return inFlight; // the second click joins the first request
  const key = checkoutKey();
  inFlight = ok<Order>(
    orders.POST("/api/v1/orders", {
      params: { header: { "Idempotency-Key": key } },
      body: { lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) },
    }) as never,
  )
    .then((order) => {
      sessionStorage.removeItem(KEY);
      if (lastTraceId) rememberTrace(order.id!, lastTraceId);
      clearCart();
      return order;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** The trace of the request that placed an order (the gateway's X-Trace-Id), for the Zipkin link. */
export function rememberTrace(orderId: string, traceId: string) {
  const all = JSON.parse(localStorage.getItem(TRACES) ?? "{}");
  all[orderId] = traceId;
  localStorage.setItem(TRACES, JSON.stringify(all));
}

export function traceOf(orderId: string): string | null {
  return JSON.parse(localStorage.getItem(TRACES) ?? "{}")[orderId] ?? null;
}

export const zipkinUrl = (traceId: string) =>
  `${import.meta.env.VITE_ZIPKIN_URL ?? "http://localhost:9411"}/zipkin/traces/${traceId}`;
