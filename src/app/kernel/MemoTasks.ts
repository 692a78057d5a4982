import { AUTO_LOGNAME } from '../../domain/task/Special.js';
import { appIdentity, type MemoTask } from './Memoizer.js';
import type { TaskRecord } from './TaskRecord.js';

/**
 * Builds what the Memoizer sees of a task: the app's identity (hashed once per app) and the
 * ignore list, with AUTO_LOGNAME streams added since their paths hold the task id (as Parsl does).
 */
export class MemoTasks {
  private readonly identities = new WeakMap<object, string>();
  /** Per app, ignore lists with AUTO_LOGNAME streams added: constant arrays keep the Memoizer's cache warm. */
  private readonly autoIgnores = new WeakMap<object, Map<string, readonly (number | string)[]>>();

  /** The Memoizer's view of `record` with `args` (resolved arguments, or [] when only the key matters). */
  public of(record: TaskRecord, args: readonly unknown[]): MemoTask {
    const { app } = record;
    let identity = this.identities.get(app);
    if (identity === undefined) {
      identity = appIdentity(app.name, app.fn);
      this.identities.set(app, identity);
    }
    return {
      id: record.id,
      appName: app.name,
      appIdentity: identity,
      cache: app.cache,
      args,
      ignoreForCache: this.ignoreForCache(record),
    };
  }

  /** AUTO_LOGNAME paths hold the task id, so they are left out of the key (as Parsl does). */
  private ignoreForCache(record: TaskRecord): readonly (number | string)[] {
    const special = record.specialArgs;
    const autoOut = special?.stdout === AUTO_LOGNAME;
    const autoErr = special?.stderr === AUTO_LOGNAME;
    if (!autoOut && !autoErr) return record.app.ignoreForCache;
    const which = autoOut && autoErr ? 'both' : autoOut ? 'stdout' : 'stderr';
    let byApp = this.autoIgnores.get(record.app);
    if (byApp === undefined) {
      byApp = new Map();
      this.autoIgnores.set(record.app, byApp);
    }
    let list = byApp.get(which);
    if (list === undefined) {
      const extra = which === 'both' ? ['stdout', 'stderr'] : [which];
      list = [...record.app.ignoreForCache, ...extra];
      byApp.set(which, list);
    }
    return list;
  }
}
