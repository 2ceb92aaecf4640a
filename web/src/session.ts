// The signed-in user as the server reports it (GET/POST /api/session).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'admin' | 'manager' | 'bdr' | 'inside_sales' | 'field_sales' | 'customer_success';

export interface Principal {
  user_id: number;
  login: string;
  name: string;
  role: Role;
  team: string;
  territory: string[];
}

export interface SessionValue {
  user: Principal;
  signOut: () => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user; only rendered inside the shell, after sign-in. */
export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}

/** Roles that may import records (the `import` capability's defaults). */
export function canImport(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
