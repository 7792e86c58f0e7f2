import { beforeEach, describe, expect, it } from "vitest";
import { placeOrder, traceOf } from "../src/checkout";
import { addToCart, cart, clearCart } from "../src/cart";
import { fakeFetch, json } from "./helpers";

describe("checkout", () => {
  beforeEach(() => {
    clearCart();
    sessionStorage.clear();
    addToCart({ productId: "11111111-1111-4111-8111-111111111111", name: "Mug", unitPrice: 10, currency: "ETB", quantity: 2 });
  });

  it("a double click sends one request with one Idempotency-Key and places one order", async () => {
    const seen = fakeFetch({
      "POST /api/v1/orders": async () => {
        await new Promise((r) => setTimeout(r, 20));
        return json({ id: "o-1", status: "PENDING" }, 201);
      },
    });
    const [a, b] = await Promise.all([placeOrder(), placeOrder()]);
    expect(a.id).toBe("o-1");
    expect(b.id).toBe("o-1");
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen[0].json()).toEqual({ lines: [{ productId: "11111111-1111-4111-8111-111111111111", quantity: 2 }] });
    expect(cart.value).toEqual([]);
    expect(traceOf("o-1")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it("a retry after a failure reuses the key, and the problem reaches the caller", async () => {
    let calls = 0;
    const seen = fakeFetch({
      "POST /api/v1/orders": () =>
        ++calls === 1
          ? json({ title: "Service Unavailable", status: 503, detail: "order-service is unavailable; try again shortly." }, 503, "application/problem+json")
          : json({ id: "o-2", status: "PENDING" }, 201),
    });
    await expect(placeOrder()).rejects.toThrow("order-service is unavailable; try again shortly.");
    expect(cart.value).toHaveLength(1); // the cart survives a failed checkout
    await placeOrder();
    expect(seen[0].headers.get("Idempotency-Key")).toBe(seen[1].headers.get("Idempotency-Key"));
    // a new checkout after success gets a new key
    addToCart({ productId: "11111111-1111-4111-8111-111111111111", name: "Mug", unitPrice: 10, currency: "ETB", quantity: 1 });
    calls = 5;
    await placeOrder();
    expect(seen[2].headers.get("Idempotency-Key")).not.toBe(seen[0].headers.get("Idempotency-Key"));
  });
});
