import { beforeEach, describe, expect, it } from "vitest";
import { addToCart, cart, cartCount, cartTotal, clearCart, setQuantity } from "../src/cart";

const mug = { productId: "p1", name: "Mug", unitPrice: 12.5, currency: "ETB", quantity: 1 };

describe("cart kept in the browser", () => {
  beforeEach(() => clearCart());

  it("adds the same product to one line and keeps it in localStorage", () => {
    addToCart(mug);
    addToCart({ ...mug, quantity: 2 });
    expect(cart.value).toHaveLength(1);
    expect(cartCount.value).toBe(3);
    expect(JSON.parse(localStorage.getItem("shop.cart")!)[0].quantity).toBe(3);
    expect(cartTotal(cart.value)).toBe("37.50 ETB");
  });

  it("caps a line at 100 and removes it at 0", () => {
    addToCart({ ...mug, quantity: 99 });
    addToCart({ ...mug, quantity: 5 });
    expect(cart.value[0].quantity).toBe(100);
    setQuantity("p1", 0);
    expect(cart.value).toEqual([]);
  });
});
