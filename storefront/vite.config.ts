import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// Dev server: proxies the API to the gateway of a running platform (same origin, as when served by it).
const gateway = process.env.GATEWAY ?? "http://localhost:8080";
// Keycloak's token endpoint answers CORS only for the realm's web origins (localhost:8080). To log in from the
// dev server or `vite preview` on another port, build with VITE_KEYCLOAK_URL=http://localhost:<that port>: the
// realm's pages and endpoints are then proxied same-origin (Keycloak keeps its fixed hostname, so the issuer and
// the login form stay on :8180). The Origin header is dropped so Keycloak's CORS check does not apply.
const keycloak = process.env.KEYCLOAK ?? "http://localhost:8180";
const keycloakProxy = {
  target: keycloak,
  configure: (proxy: { on: (e: "proxyReq", f: (req: { removeHeader: (h: string) => void }) => void) => void }) =>
    proxy.on("proxyReq", (req) => req.removeHeader("origin")),
};
const proxy = { "/api": gateway, "/actuator": gateway, "/v3": gateway, "/realms": keycloakProxy, "/resources": keycloakProxy };
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "dist", sourcemap: false },
  server: { proxy },
  preview: { proxy },
  test: { environment: "jsdom", include: ["test/**/*.test.tsx", "test/**/*.test.ts"] },
});
