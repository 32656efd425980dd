/** How long a session cookie lives without being used (Auth.js refreshes it on use). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
