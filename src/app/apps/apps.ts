import type { Special } from '../../domain/task/Special.js';
import type { AppOptions } from './AppDefinition.js';
import { type App, defineApp } from './defineApp.js';

/**
 * Makes a function an app: each call returns an AppFuture at once and runs the function on an
 * executor when its arguments (futures included) are ready. Parsl: python_app
 */
export const app = <TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => TResult,
  options: AppOptions = {},
): App<TArgs, Awaited<TResult>> => defineApp('python', fn, options);

/**
 * Makes a bash app: the function returns the command line, which runs under bash in its own process
 * with stdout/stderr sent to the paths in `special(...)`. The future's value is 0 on success.
 * Parsl: bash_app
 */
export const bashApp = <TArgs extends unknown[]>(
  fn: (...args: TArgs) => string | undefined | null,
  options: AppOptions = {},
): App<TArgs, number> => defineApp('bash', fn, options);

/** What a join app may return: futures (or promises) the app's own future completes with. */
export type JoinReturn = PromiseLike<unknown> | readonly PromiseLike<unknown>[];

/** The value a join app's future completes with: the value of the returned future, or an array. */
export type JoinResult<TReturn> = TReturn extends readonly PromiseLike<infer T>[]
  ? T[]
  : TReturn extends PromiseLike<infer T>
    ? T
    : never;

/**
 * Makes a join app: it runs in the kernel's process, may call other apps, and returns their
 * future(s); its own future completes when they do (with a value, or an array of values).
 * Parsl: join_app
 */
export const joinApp = <TArgs extends unknown[], TReturn extends JoinReturn>(
  fn: (...args: TArgs) => TReturn,
  options: Omit<AppOptions, 'executors' | 'module' | 'exportName'> = {},
): App<TArgs, JoinResult<TReturn>> => defineApp('join', fn, options);

export type { Special };
