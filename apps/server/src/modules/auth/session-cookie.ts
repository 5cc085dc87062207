/** The session cookie's name (HttpOnly, SameSite=Strict; set by auth.routes, read by http/auth-plugin). */
export const SESSION_COOKIE = 'duban_session';
