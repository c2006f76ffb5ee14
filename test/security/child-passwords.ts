/** Demo passwords the kill-test portal (portal-child.ts) is started with. */
export const CHILD_PASSWORDS = { admin: 'admin-pass-1', dept041: 'dept-pass-041', officer041002: 'officer-pass-2', officer041099: 'officer-pass-99' };
