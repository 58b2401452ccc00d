/** The login page, coming back to `next` afterwards. */
export function loginUrl(next?: string): string {
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/**
 * A full page load, not a client-side push: the session changed, so every cached query
 * of the old one must go, and the server's access gate must see the new cookie.
 */
export function reloadAt(url: string) {
  window.location.assign(url);
}
