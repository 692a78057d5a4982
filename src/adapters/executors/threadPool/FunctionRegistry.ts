import type { ShippedFunction } from '../../../ports/Executor.js';
import { isNativeSource, nativeFunctionReason } from '../worker/FunctionLoader.js';

/**
 * Numbers the distinct shipped functions, so a worker receives each definition once and tasks
 * carry only the id; remembers, per function, why it cannot be shipped (native or bound source),
 * so that check runs once per function instead of once per task.
 */
export class FunctionRegistry {
  private readonly byShip = new WeakMap<ShippedFunction, number>();
  private readonly byKey = new Map<string, number>();
  private readonly problems = new Map<number, string>();

  /** The id of a shipped function (stable for equal module references or equal source text). */
  public idOf(ship: ShippedFunction): number {
    let id = this.byShip.get(ship);
    if (id !== undefined) return id;
    const key =
      ship.kind === 'module' ? `m:${ship.moduleUrl}#${ship.exportName}` : `s:${ship.source}`;
    id = this.byKey.get(key);
    if (id === undefined) {
      id = this.byKey.size;
      this.byKey.set(key, id);
      if (ship.kind === 'source' && isNativeSource(ship.source)) {
        this.problems.set(id, nativeFunctionReason(ship.source));
      }
    }
    this.byShip.set(ship, id);
    return id;
  }

  /** Why the function cannot be shipped, if it cannot. */
  public problem(id: number): string | undefined {
    return this.problems.get(id);
  }
}
