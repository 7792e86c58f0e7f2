import { signal } from "@preact/signals";

/** Hash routes (#/product/…): the gateway serves one index.html, deep links need no server fallback. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

function parse(): Route {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  return { path: path.split("/").filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export const route = signal<Route>(parse());
window.addEventListener("hashchange", () => {
  route.value = parse();
  document.getElementById("main")?.focus();
});

export function go(hash: string) {
  location.hash = hash;
}
