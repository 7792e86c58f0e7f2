import Keycloak from "keycloak-js";
import { signal } from "@preact/signals";

/** Login through Keycloak: authorization code + PKCE (S256). Our code never sees a password. */
const KEYCLOAK_URL = import.meta.env.VITE_KEYCLOAK_URL ?? "http://localhost:8180";
const STORE = "shop.tokens";

export const keycloak = new Keycloak({ url: KEYCLOAK_URL, realm: "shop", clientId: "shop-web" });

export interface User {
  subject: string;
  name: string;
  email?: string;
  roles: string[];
}

export const user = signal<User | null>(null);

function publish() {
  const parsed = keycloak.tokenParsed as
    | { sub: string; preferred_username?: string; email?: string; realm_access?: { roles?: string[] } }
    | undefined;
  if (keycloak.authenticated && parsed) {
    sessionStorage.setItem(
      STORE,
      JSON.stringify({ token: keycloak.token, refreshToken: keycloak.refreshToken, idToken: keycloak.idToken }),
    );
    user.value = {
      subject: parsed.sub,
      name: parsed.preferred_username ?? parsed.sub,
      email: parsed.email,
      roles: parsed.realm_access?.roles ?? [],
    };
  } else {
    sessionStorage.removeItem(STORE);
    user.value = null;
  }
}

export async function initAuth(): Promise<void> {
  const saved = JSON.parse(sessionStorage.getItem(STORE) ?? "{}");
  keycloak.onAuthSuccess = publish;
  keycloak.onAuthRefreshSuccess = publish;
  keycloak.onAuthLogout = publish;
  keycloak.onTokenExpired = () => void keycloak.updateToken(30).catch(() => publish());
  try {
    await keycloak.init({
      pkceMethod: "S256",
      checkLoginIframe: false,
      responseMode: "query",
      token: saved.token,
      refreshToken: saved.refreshToken,
      idToken: saved.idToken,
    });
  } catch {
    sessionStorage.removeItem(STORE);
  }
  publish();
}

export const hasRole = (role: string) => user.value?.roles.includes(role) ?? false;

export const login = () => keycloak.login({ redirectUri: location.href });
export const logout = () => {
  sessionStorage.removeItem(STORE);
  return keycloak.logout({ redirectUri: location.origin + "/" });
};

/** A fresh access token, or null for an anonymous visitor. */
export async function accessToken(): Promise<string | null> {
  if (!keycloak.authenticated) return null;
  try {
    await keycloak.updateToken(30);
  } catch {
    publish();
    return null;
  }
  return keycloak.token ?? null;
}
