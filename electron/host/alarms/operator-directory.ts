import type { OperatorRole } from '../../../shared/alarms/types';
import type { OperatorSettings } from '../config/settings';

// Who may do what: roles from settings (a name not listed gets the default role), PIN hashes from
// settings (provisioned) or from the database (set at a first sign-in that gave one), and a short
// lockout after repeated wrong PINs so a PIN cannot be guessed at the keyboard.

export const PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export class OperatorDirectory {
  private readonly byName = new Map<string, OperatorSettings>();
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    operators: ReadonlyArray<OperatorSettings>,
    private defaultRole: Exclude<OperatorRole, 'supervisor'>,
    private readonly storedPinHash: (name: string) => string | null,
  ) {
    for (const operator of operators) this.byName.set(operator.name.toLowerCase(), operator);
  }

  /** The settings screen saved new operators: their roles and PINs count from the next check on. */
  replace(operators: ReadonlyArray<OperatorSettings>, defaultRole: Exclude<OperatorRole, 'supervisor'>): void {
    this.byName.clear();
    for (const operator of operators) this.byName.set(operator.name.trim().toLowerCase(), { ...operator, name: operator.name.trim() });
    this.defaultRole = defaultRole;
  }

  /** The configured spelling of a name, so "KIM" and "kim" are one operator in the journal. */
  canonicalName(name: string): string {
    return this.byName.get(name.trim().toLowerCase())?.name ?? name.trim();
  }

  role(name: string): OperatorRole {
    return this.byName.get(name.trim().toLowerCase())?.role ?? this.defaultRole;
  }

  pinHash(name: string): string | null {
    return this.byName.get(name.trim().toLowerCase())?.pin_hash ?? this.storedPinHash(this.canonicalName(name));
  }

  listed(): ReadonlyArray<{ name: string; role: OperatorRole; has_pin: boolean }> {
    return [...this.byName.values()].map((o) => ({ name: o.name, role: o.role, has_pin: this.pinHash(o.name) !== null }));
  }

  /** Whether sign-in attempts for this name are locked out at `now`. */
  lockedOut(name: string, now: number): boolean {
    const entry = this.failures.get(this.canonicalName(name).toLowerCase());
    if (entry === undefined) return false;
    if (now - entry.since > PIN_LOCKOUT_MS) {
      this.failures.delete(this.canonicalName(name).toLowerCase());
      return false;
    }
    return entry.count >= PIN_ATTEMPTS;
  }

  recordFailure(name: string, now: number): void {
    const key = this.canonicalName(name).toLowerCase();
    const entry = this.failures.get(key);
    if (entry === undefined || now - entry.since > PIN_LOCKOUT_MS) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
  }

  recordSuccess(name: string): void {
    this.failures.delete(this.canonicalName(name).toLowerCase());
  }
}
