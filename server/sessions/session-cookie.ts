/** The httpOnly cookie that carries the browser's session token (SPEC §6). */
export const SESSION_COOKIE = 'trede_session';
