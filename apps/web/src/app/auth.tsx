import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import * as authApi from '../api/auth.ts';
import { ApiError, setActingUnit, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import type { Principal, UserRole } from '../api/contracts.ts';
import { queryClient } from '../api/query.ts';

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: Principal };

interface AuthValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<Principal>;
  logout: () => Promise<void>;
  /** View a unit of the account's subtree read-only (null: back to its own unit); every query reloads. */
  switchUnit: (code: string | null) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    authApi
      .fetchMe()
      .then((me) => {
        if (cancelled) return;
        setCsrfToken(me.csrfToken);
        // A unit chosen before a reload (its cookie) goes on in the header too, so writes are refused there.
        if (me.user.readOnly && me.user.unit) setActingUnit(me.user.unit.code);
        setState({ status: 'signed-in', user: me.user });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'anonymous' });
      });
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
    return () => {
      cancelled = true;
      setUnauthorizedHandler(null);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    setActingUnit(null);
    const result = await authApi.login({ username, password });
    setCsrfToken(result.csrfToken);
    queryClient.clear(); // nothing read as the previous account survives a sign-in
    setState({ status: 'signed-in', user: result.user });
    return result.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // An expired session is logged out already.
      if (!(error instanceof ApiError)) throw error;
    }
    setCsrfToken(null);
    setActingUnit(null);
    queryClient.clear();
    setState({ status: 'anonymous' });
  }, []);

  const switchUnit = useCallback(async (code: string | null) => {
    setActingUnit(code);
    queryClient.clear(); // nothing read in the previous unit is shown as this one's
    const me = await authApi.fetchMe();
    setState({ status: 'signed-in', user: me.user });
  }, []);

  const value = useMemo(() => ({ state, login, logout, switchUnit }), [state, login, logout, switchUnit]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useUser(): Principal {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}

export const isOfficeRole = (role: UserRole) => role === 'office_admin' || role === 'office_staff';
