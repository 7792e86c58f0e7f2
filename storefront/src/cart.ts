import { signal, computed } from "@preact/signals";

/** The cart lives in the browser (localStorage); prices are shown from the catalogue, charged by the server. */
export interface CartLine {
  productId: string;
  name: string;
  unitPrice: number;
  currency: string;
  quantity: number;
}

const KEY = "shop.cart";

function load(): CartLine[] {
  try {
    const lines = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(lines) ? lines : [];
  } catch {
    return [];
  }
}

export const cart = signal<CartLine[]>(load());
export const cartCount = computed(() => cart.value.reduce((n, l) => n + l.quantity, 0));

function save(lines: CartLine[]) {
  cart.value = lines;
  localStorage.setItem(KEY, JSON.stringify(lines));
}

export function addToCart(line: CartLine) {
  const existing = cart.value.find((l) => l.productId === line.productId);
  save(
    existing
      ? cart.value.map((l) =>
          l.productId === line.productId ? { ...l, quantity: Math.min(100, l.quantity + line.quantity) } : l,
        )
      : [...cart.value, line],
  );
}

export function setQuantity(productId: string, quantity: number) {
  save(
    quantity <= 0
      ? cart.value.filter((l) => l.productId !== productId)
      : cart.value.map((l) => (l.productId === productId ? { ...l, quantity: Math.min(100, quantity) } : l)),
  );
}

export function clearCart() {
  save([]);
}

export function cartTotal(lines: CartLine[]): string {
  const byCurrency = new Map<string, number>();
  for (const l of lines) byCurrency.set(l.currency, (byCurrency.get(l.currency) ?? 0) + l.unitPrice * l.quantity);
  return [...byCurrency].map(([c, v]) => `${v.toFixed(2)} ${c}`).join(" + ") || "0.00";
}
