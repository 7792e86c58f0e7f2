import { useEffect, useState } from "preact/hooks";
import { catalog, orders, users, notifications, ok, type Product, type StockLevel, type Category, type Order, type OrderSummary, type Notification } from "../api/client";
import { addToCart, cart, cartTotal, setQuantity } from "../cart";
import { placeOrder, traceOf, zipkinUrl } from "../checkout";
import { live, connected, refreshUnread, unread } from "../live";
import { hasRole, login, logout, user } from "../auth";
import { go, route } from "../router";
import { Done, ErrorMessage, Loading, Page, price, useAction, useLoad, when } from "../ui";

type ProductPage = { items?: Product[]; totalItems?: number; nextCursor?: string | null };

function ProductList({ items }: { items: Product[] }) {
  if (items.length === 0) return <p>No products found.</p>;
  return (
    <ul class="grid" aria-label="Products">
      {items.map((p) => (
        <li key={p.id} class="card">
          {p.imageUrls?.[0] && <img src={p.imageUrls[0]} alt="" width={160} height={120} loading="lazy" />}
          <h2>
            <a href={`#/product/${p.id}`}>{p.name}</a>
          </h2>
          <p class="price">{price(p.price)}</p>
          {p.status !== "ACTIVE" && <p class="tag">{p.status}</p>}
        </li>
      ))}
    </ul>
  );
}

function Categories() {
  const { data } = useLoad(() => ok<Category[]>(catalog.GET("/api/v1/categories") as never), []);
  if (!data?.length) return null;
  return (
    <nav aria-label="Categories" class="categories">
      <h2>Categories</h2>
      <ul>
        {data.map((c) => (
          <li key={c.id}>
            <a href={`#/category/${c.id}`}>{c.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Home() {
  const { data, error, loading } = useLoad(
    () => ok<ProductPage>(catalog.GET("/api/v1/products", { params: { query: { size: 24 } } }) as never),
    [],
  );
  return (
    <Page title="Newest products">
      <Categories />
      <ErrorMessage error={error} />
      <Loading loading={loading} />
      {data && <ProductList items={data.items ?? []} />}
    </Page>
  );
}

export function CategoryPage({ id }: { id: string }) {
  const cat = useLoad(() => ok<Category>(catalog.GET("/api/v1/categories/{id}", { params: { path: { id } } }) as never), [id]);
  const { data, error, loading } = useLoad(
    () => ok<ProductPage>(catalog.GET("/api/v1/products", { params: { query: { category: id, size: 48 } } }) as never),
    [id],
  );
  return (
    <Page title={cat.data?.name ? `Category: ${cat.data.name}` : "Category"}>
      <ErrorMessage error={error ?? cat.error} />
      <Loading loading={loading} />
      {data && <ProductList items={data.items ?? []} />}
    </Page>
  );
}

export function Search() {
  const q = route.value.query;
  const [form, setForm] = useState({
    q: q.get("q") ?? "",
    minPrice: q.get("minPrice") ?? "",
    maxPrice: q.get("maxPrice") ?? "",
    inStock: q.get("inStock") === "true",
    sort: q.get("sort") ?? "",
  });
  const key = q.toString();
  const { data, error, loading } = useLoad(() => {
    const query: Record<string, string | number | boolean> = { size: 48 };
    for (const k of ["q", "minPrice", "maxPrice", "sort"]) if (q.get(k)) query[k] = q.get(k)!;
    if (q.get("inStock") === "true") query.inStock = true;
    return ok<ProductPage>(catalog.GET("/api/v1/products", { params: { query: query as never } }) as never);
  }, [key]);
  const submit = (e: Event) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (form.q) p.set("q", form.q);
    if (form.minPrice) p.set("minPrice", form.minPrice);
    if (form.maxPrice) p.set("maxPrice", form.maxPrice);
    if (form.inStock) p.set("inStock", "true");
    if (form.sort) p.set("sort", form.sort);
    go(`#/search?${p}`);
  };
  const field = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.target as HTMLInputElement).type === "checkbox" ? (e.target as HTMLInputElement).checked : (e.target as HTMLInputElement).value });
  return (
    <Page title="Search">
      <form role="search" onSubmit={submit} class="filters">
        <label>
          Search <input name="q" type="search" value={form.q} onInput={field("q")} />
        </label>
        <label>
          Min price <input name="minPrice" type="number" min="0" step="0.01" value={form.minPrice} onInput={field("minPrice")} />
        </label>
        <label>
          Max price <input name="maxPrice" type="number" min="0" step="0.01" value={form.maxPrice} onInput={field("maxPrice")} />
        </label>
        <label>
          <input name="inStock" type="checkbox" checked={form.inStock} onChange={field("inStock")} /> In stock only
        </label>
        <label>
          Sort
          <select name="sort" value={form.sort} onChange={field("sort")}>
            <option value="">Best match / newest</option>
            <option value="price,asc">Price, low to high</option>
            <option value="price,desc">Price, high to low</option>
            <option value="name,asc">Name</option>
            <option value="createdAt,desc">Newest</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorMessage error={error} />
      <Loading loading={loading} />
      {data && (
        <>
          <p role="status">{data.totalItems ?? 0} results</p>
          <ProductList items={data.items ?? []} />
        </>
      )}
    </Page>
  );
}

export function ProductPage({ id }: { id: string }) {
  const product = useLoad(() => ok<Product>(catalog.GET("/api/v1/products/{id}", { params: { path: { id } } }) as never), [id]);
  const stock = useLoad(
    () => ok<StockLevel>(catalog.GET("/api/v1/products/{productId}/stock", { params: { path: { productId: id } } }) as never),
    [id],
  );
  const [quantity, setQty] = useState(1);
  const [added, setAdded] = useState<string | null>(null);
  const p = product.data;
  const available = stock.data?.available ?? 0;
  const onSale = p?.status === "ACTIVE";
  return (
    <Page title={p?.name ?? "Product"}>
      <ErrorMessage error={product.error ?? stock.error} />
      <Loading loading={product.loading} />
      {p && (
        <article class="product">
          {(p.imageUrls ?? []).map((src, i) => (
            <img key={src} src={src} alt={`${p.name}, picture ${i + 1}`} width={320} height={240} />
          ))}
          <p class="price">{price(p.price)}</p>
          <p>{p.description}</p>
          <p id="stock-state" role="status">
            {!onSale ? "No longer sold" : stock.data ? (available > 0 ? `In stock: ${available} available` : "Out of stock") : ""}
          </p>
          {onSale && available > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                addToCart({
                  productId: p.id!,
                  name: p.name!,
                  unitPrice: Number(p.price?.amount ?? 0),
                  currency: p.price?.currency ?? "",
                  quantity,
                });
                setAdded(`${quantity} × ${p.name} added to the cart.`);
              }}
            >
              <label>
                Quantity <input type="number" min={1} max={Math.min(100, available)} value={quantity} onInput={(e) => setQty(Number((e.target as HTMLInputElement).value))} />
              </label>
              <button type="submit">Add to cart</button>
            </form>
          )}
          <Done message={added} />
        </article>
      )}
    </Page>
  );
}

export function CartPage() {
  const action = useAction();
  const lines = cart.value;
  const checkout = () =>
    action.run(async () => {
      if (!user.value) return login();
      const order = await placeOrder(lines);
      go(`#/orders/${order.id}`);
    });
  return (
    <Page title="Cart">
      {lines.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <>
          <table>
            <caption class="sr-only">Products in the cart</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Unit price</th>
                <th scope="col">Quantity</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.productId}>
                  <td>
                    <a href={`#/product/${l.productId}`}>{l.name}</a>
                  </td>
                  <td>{price({ amount: l.unitPrice, currency: l.currency })}</td>
                  <td>
                    <label>
                      <span class="sr-only">Quantity of {l.name}</span>
                      <input type="number" min={0} max={100} value={l.quantity} onChange={(e) => setQuantity(l.productId, Number((e.target as HTMLInputElement).value))} />
                    </label>
                    <button type="button" onClick={() => setQuantity(l.productId, 0)}>
                      Remove<span class="sr-only"> {l.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Total: <strong>{cartTotal(lines)}</strong> (the shop confirms the price when the order is placed)
          </p>
          <button type="button" class="primary" onClick={checkout} disabled={action.busy} aria-busy={action.busy}>
            {user.value ? "Place order" : "Log in to check out"}
          </button>
        </>
      )}
      <ErrorMessage error={action.error} />
    </Page>
  );
}

const STEPS = ["PENDING", "STOCK_RESERVED", "PAID", "CONFIRMED"] as const;
const LABEL: Record<string, string> = {
  PENDING: "Placed",
  STOCK_RESERVED: "Stock reserved",
  PAID: "Paid",
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
};

export function TraceLink({ orderId }: { orderId: string }) {
  const trace = traceOf(orderId);
  if (!trace) return <p>Trace id: not recorded in this browser (see the X-Trace-Id of the placing request).</p>;
  return (
    <p>
      Trace id <code>{trace}</code>:{" "}
      <a href={zipkinUrl(trace)} target="_blank" rel="noopener" class="trace-link">
        open the trace in Zipkin<span class="sr-only"> (opens a new tab)</span>
      </a>
    </p>
  );
}

export function Timeline({ order }: { order: Order }) {
  return (
    <ol class="timeline" aria-label="Timeline">
      {(order.timeline ?? []).map((t, i) => (
        <li key={i}>
          <strong>{LABEL[t.to ?? ""] ?? t.to}</strong> <time dateTime={t.at}>{when(t.at)}</time>
          {t.reason ? ` — ${t.reason}` : ""}
        </li>
      ))}
    </ol>
  );
}

export function OrderPage({ id }: { id: string }) {
  const { data: order, error, loading, reload } = useLoad(
    () => ok<Order>(orders.GET("/api/v1/orders/{id}", { params: { path: { id } } }) as never),
    [id],
  );
  // the live stream tells us something happened to this order: read it again
  const seen = live.value.filter((n) => n.orderId === id).length;
  useLoad(async () => (seen > 0 ? reload() : undefined), [seen]);
  // between notifications (stock reserved has none) look again while the saga runs
  const running = !!order && order.status !== "CONFIRMED" && order.status !== "CANCELLED";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [running, reload]);
  return (
    <Page title="Order">
      <ErrorMessage error={error} />
      <Loading loading={loading && !order} />
      {order && (
        <>
          <p>
            Order <code>{order.id}</code> placed {when(order.createdAt)} — total {price(order.total)}
          </p>
          <p class="status" aria-live="polite" role="status">
            Status: <strong id="order-status">{order.status}</strong>
            {order.cancelReason ? ` (${order.cancelReason})` : ""} {connected.value ? "· live" : ""}
          </p>
          <ol class="steps" aria-label="Progress">
            {STEPS.map((s) => {
              const reached = (order.timeline ?? []).some((t) => t.to === s);
              return (
                <li key={s} class={reached ? "reached" : ""}>
                  {LABEL[s]} {reached ? "✓" : ""}
                </li>
              );
            })}
            {order.status === "CANCELLED" && <li class="reached">Cancelled: {order.cancelReason}</li>}
          </ol>
          <h2>Lines</h2>
          <ul>
            {(order.lines ?? []).map((l) => (
              <li key={l.productId}>
                {l.quantity} × {l.name} at {price(l.unitPrice)}
              </li>
            ))}
          </ul>
          <h2>Timeline</h2>
          <Timeline order={order} />
          <TraceLink orderId={order.id!} />
        </>
      )}
    </Page>
  );
}

type OrderPageT = { content?: OrderSummary[]; totalElements?: number };

export function OrdersPage() {
  const { data, error, loading } = useLoad(
    () => ok<OrderPageT>(orders.GET("/api/v1/orders", { params: { query: { size: 50 } } }) as never),
    [],
  );
  return (
    <Page title="My orders">
      <ErrorMessage error={error} />
      <Loading loading={loading} />
      {data && (data.content?.length ? <OrderTable rows={data.content} /> : <p>No orders yet.</p>)}
    </Page>
  );
}

export function OrderTable({ rows, actions }: { rows: OrderSummary[]; actions?: (o: OrderSummary) => preact.ComponentChildren }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Placed</th>
          <th scope="col">Status</th>
          <th scope="col">Total</th>
          {actions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td>
              <a href={`#/orders/${o.id}`}>{o.id?.slice(0, 8)}</a>
            </td>
            <td>{when(o.createdAt)}</td>
            <td>{o.status}</td>
            <td>{price(o.total)}</td>
            {actions && <td>{actions(o)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type NotificationPageT = { items?: Notification[]; content?: Notification[] };

export function NotificationsPage() {
  const { data, error, loading, reload } = useLoad(
    () => ok<NotificationPageT>(notifications.GET("/api/v1/notifications", { params: { query: { size: 50 } } }) as never),
    [live.value.length],
  );
  const action = useAction();
  const items = data?.items ?? data?.content ?? [];
  return (
    <Page title="Notifications">
      <p role="status">{unread.value} unread</p>
      <ErrorMessage error={error ?? action.error} />
      <Loading loading={loading} />
      <ul class="notifications">
        {items.map((n) => (
          <li key={n.id} class={n.readAt ? "" : "unread"}>
            <h2>{n.subject}</h2>
            <p>{n.body}</p>
            <p>
              <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
              {n.orderId && (
                <>
                  {" "}
                  · <a href={`#/orders/${n.orderId}`}>the order</a>
                </>
              )}
            </p>
            {!n.readAt && (
              <button
                type="button"
                disabled={action.busy}
                onClick={() =>
                  action.run(async () => {
                    await notifications.POST("/api/v1/notifications/{id}/read", { params: { path: { id: n.id! } } });
                    await reload();
                    await refreshUnread();
                  })
                }
              >
                Mark read<span class="sr-only">: {n.subject}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function AccountPage() {
  const me = useLoad(() => ok<Record<string, unknown>>(users.GET("/api/v1/users/me", {} as never) as never), []);
  const [confirm, setConfirm] = useState("");
  const action = useAction();
  return (
    <Page title="My account">
      <ErrorMessage error={me.error ?? action.error} />
      {me.data && (
        <dl>
          {Object.entries(me.data)
            .filter(([, v]) => typeof v !== "object")
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
        </dl>
      )}
      <p>Roles: {user.value?.roles.filter((r) => ["customer", "admin", "sre"].includes(r)).join(", ")}</p>
      <h2>Delete my account</h2>
      <p>This erases your profile and addresses and closes your account. It cannot be undone.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await users.DELETE("/api/v1/users/me", {} as never);
            await logout();
          });
        }}
      >
        <label>
          Type DELETE to confirm <input value={confirm} onInput={(e) => setConfirm((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="danger" disabled={confirm !== "DELETE" || action.busy}>
          Delete my account
        </button>
      </form>
    </Page>
  );
}

export function NeedLogin({ role }: { role?: string }) {
  if (!user.value)
    return (
      <Page title="Please log in">
        <button type="button" onClick={() => login()}>
          Log in
        </button>
      </Page>
    );
  return (
    <Page title="Not allowed">
      <p role="alert">This page needs the role {role}.</p>
    </Page>
  );
}

export { hasRole };
