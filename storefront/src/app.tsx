import { useEffect } from "preact/hooks";
import { route } from "./router";
import { hasRole, login, logout, user } from "./auth";
import { cartCount } from "./cart";
import { unread, refreshUnread, startStream, stopStream } from "./live";
import * as shop from "./pages/shop";
import * as admin from "./pages/admin";
import { StatusPage } from "./pages/sre";

function Header() {
  const u = user.value;
  return (
    <header>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>
        Skip to content
      </a>
      <nav aria-label="Main">
        <a href="#/" class="brand">ProDev Shop</a>
        <a href="#/search">Search</a>
        <a href="#/cart">Cart ({cartCount.value})</a>
        {u && hasRole("customer") && <a href="#/orders">My orders</a>}
        {u && (
          <a href="#/notifications" aria-label={`Notifications, ${unread.value} unread`}>
            Notifications <span class="badge">{unread.value}</span>
          </a>
        )}
        {u && hasRole("admin") && (
          <>
            <a href="#/admin/products">Products</a>
            <a href="#/admin/orders">All orders</a>
            <a href="#/admin/dead-letters">Dead letters</a>
            <a href="#/admin/blocklist">Blocklist</a>
          </>
        )}
        {u && (hasRole("sre") || hasRole("admin")) && <a href="#/sre/status">Status</a>}
        {u ? (
          <>
            <a href="#/account">{u.name}</a>
            <button type="button" onClick={() => void logout()}>
              Log out
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void login()}>
            Log in
          </button>
        )}
      </nav>
    </header>
  );
}

function Body() {
  const [first, second, third] = route.value.path;
  const u = user.value;
  const need = (role: string, page: preact.JSX.Element) => (u && hasRole(role) ? page : <shop.NeedLogin role={role} />);
  switch (first) {
    case undefined:
      return <shop.Home />;
    case "category":
      return <shop.CategoryPage id={second} />;
    case "search":
      return <shop.Search />;
    case "product":
      return <shop.ProductPage id={second} />;
    case "cart":
      return <shop.CartPage />;
    case "orders":
      return second ? need("customer", <shop.OrderPage id={second} />) : need("customer", <shop.OrdersPage />);
    case "notifications":
      return u ? <shop.NotificationsPage /> : <shop.NeedLogin />;
    case "account":
      return u ? <shop.AccountPage /> : <shop.NeedLogin />;
    case "admin":
      if (second === "products") return need("admin", <admin.AdminProducts />);
      if (second === "orders") return need("admin", <admin.AdminOrders />);
      if (second === "dead-letters") return need("admin", <admin.DeadLetters />);
      if (second === "blocklist") return need("admin", <admin.Blocklist />);
      break;
    case "sre":
      if (second === "status") return u && (hasRole("sre") || hasRole("admin")) ? <StatusPage /> : <shop.NeedLogin role="sre" />;
      break;
  }
  void third;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <a href="#/">Back to the shop</a>
      </p>
    </section>
  );
}

export function App() {
  const signedIn = !!user.value;
  useEffect(() => {
    if (!signedIn) return stopStream();
    startStream();
    refreshUnread().catch(() => undefined);
  }, [signedIn]);
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Body />
      </main>
      <footer>
        <p>ProDev Shop — every response carries an X-Trace-Id for support.</p>
      </footer>
    </>
  );
}
