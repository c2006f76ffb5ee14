/** Where each role's work is: the page a user lands on after signing in without a `next`. */
import type { User } from '../store/store.ts';

export function landingPath(user: Pick<User, 'role'> | undefined): string {
  if (!user) return '/';
  // Departments and finance bureaus oversee their units; unit officers prepare and publish.
  return user.role === 'unit' ? '/prepare' : '/oversight';
}
