// Hash routes (#/board, #/governments/131016): bookmarkable, survive reloads and
// need nothing from the server.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string; // "/governments/131016"
  parts: string[]; // ["governments", "131016"]
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?', 2);
  return { path, parts: path.split('/').filter(Boolean), query: new URLSearchParams(qs ?? '') };
}

/** Re-renders on every hash change and returns the route. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = () =>
      setRoute((previous) => {
        const next = currentRoute();
        return next.path === previous.path && next.query.toString() === previous.query.toString() ? previous : next;
      });
    window.addEventListener('hashchange', on);
    // Effects run after the first paint: a link clicked in between changed the hash
    // before anyone listened, so catch up once now.
    on();
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(path: string): void {
  location.hash = `#${path}`;
}

export function href(path: string): string {
  return `#${path}`;
}
