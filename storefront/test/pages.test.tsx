import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, fireEvent } from "@testing-library/preact";
import { Home, ProductPage } from "../src/pages/shop";
import { cart, clearCart } from "../src/cart";
import { gauge } from "../src/pages/sre";
import { fakeFetch, json } from "./helpers";

const PRODUCT = {
  id: "11111111-1111-4111-8111-111111111111",
  sku: "MUG-1",
  name: "Blue mug",
  description: "A mug",
  price: { amount: 12.5, currency: "ETB" },
  status: "ACTIVE",
  imageUrls: [],
  version: 3,
};

afterEach(() => {
  cleanup();
  clearCart();
});

describe("pages", () => {
  it("home lists the catalogue it was given, newest first as the API orders it", async () => {
    const seen = fakeFetch({
      "GET /api/v1/products": () => json({ items: [PRODUCT, { ...PRODUCT, id: "2", name: "Red mug" }], totalItems: 2 }),
      "GET /api/v1/categories": () => json([{ id: "c1", name: "Kitchen", slug: "kitchen" }]),
    });
    render(<Home />);
    const links = await screen.findAllByRole("link", { name: /mug/ });
    expect(links.map((l) => l.textContent)).toEqual(["Blue mug", "Red mug"]);
    expect(await screen.findByRole("link", { name: "Kitchen" })).toBeTruthy();
    expect(new URL(seen.find((r) => r.url.includes("/products"))!.url).searchParams.has("sort")).toBe(false);
  });

  it("shows a problem+json answer as a message, not a blank page", async () => {
    fakeFetch({
      "GET /api/v1/products": () =>
        json({ type: "about:blank", title: "Service Unavailable", status: 503, detail: "catalog-service is unavailable; try again shortly." }, 503, "application/problem+json"),
      "GET /api/v1/categories": () => json([]),
    });
    render(<Home />);
    expect((await screen.findByRole("alert")).textContent).toBe("catalog-service is unavailable; try again shortly.");
  });

  it("product page shows the stock state and adds to the cart", async () => {
    fakeFetch({
      [`GET /api/v1/products/${PRODUCT.id}`]: () => json(PRODUCT),
      [`GET /api/v1/products/${PRODUCT.id}/stock`]: () => json({ productId: PRODUCT.id, onHand: 5, reserved: 2, available: 3 }),
    });
    render(<ProductPage id={PRODUCT.id} />);
    expect(await screen.findByText("In stock: 3 available")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Quantity"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Add to cart" }));
    expect(cart.value).toEqual([{ productId: PRODUCT.id, name: "Blue mug", unitPrice: 12.5, currency: "ETB", quantity: 2 }]);
  });

  it("an out-of-stock product cannot be added", async () => {
    fakeFetch({
      [`GET /api/v1/products/${PRODUCT.id}`]: () => json(PRODUCT),
      [`GET /api/v1/products/${PRODUCT.id}/stock`]: () => json({ productId: PRODUCT.id, onHand: 1, reserved: 1, available: 0 }),
    });
    render(<ProductPage id={PRODUCT.id} />);
    expect(await screen.findByText("Out of stock")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Add to cart" })).toBeNull();
  });

  it("reads outbox and dead-letter gauges from the Prometheus text", () => {
    const text = [
      "# HELP shop_outbox_pending Outbox events not yet published",
      'shop_outbox_pending{application="order-service"} 4.0',
      "shop_outbox_oldest_pending_age_seconds 12.5",
      'shop_dead_letters{application="order-service"} 2.0',
      'shop_dead_letters_total{application="order-service"} 9.0',
    ].join("\n");
    expect(gauge(text, "shop_outbox_pending")).toBe(4);
    expect(gauge(text, "shop_outbox_oldest_pending_age_seconds")).toBe(12.5);
    expect(gauge(text, "shop_dead_letters")).toBe(2);
    expect(gauge(text, "shop_outbox_parked")).toBeUndefined();
  });
});
