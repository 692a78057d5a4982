import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rebuildError } from '../../../../src/adapters/executors/worker/rebuildError.js';
import { serializeThrown } from '../../../../src/adapters/executors/worker/serializeThrown.js';
import type { SerializedError } from '../../../../src/adapters/executors/worker/wire.js';
import {
  SerializationError,
  UnshippableFunctionError,
} from '../../../../src/domain/errors/ExecutorErrors.js';
import { ParslError } from '../../../../src/domain/errors/ParslError.js';
import { AppFailure, RemoteException } from '../../../../src/domain/errors/TaskErrors.js';

const context = { executor: 'threads', appName: 'work' };

/** Serialize on the "worker", clone as postMessage would, rebuild on the "main" side. */
const travel = (thrown: unknown): Error =>
  rebuildError(structuredClone(serializeThrown(thrown)), context);

const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('serializeThrown + rebuildError', () => {
  it.each([Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError])(
    'rebuilds %o as the same class with message and remote stack',
    (Ctor) => {
      const original = new Ctor('went wrong');
      const back = travel(original);
      expect(back.constructor).toBe(Ctor);
      expect(back.message).toBe('went wrong');
      expect(back.stack).toBe(original.stack);
    },
  );

  it('keeps the properties of a Node system error', () => {
    const back = travel(thrownBy(() => readFileSync('/no/such/file')));
    expect(back).toBeInstanceOf(Error);
    expect(back).toMatchObject({ code: 'ENOENT', syscall: 'open', path: '/no/such/file' });
  });

  it('rebuilds a subclass of a built-in as RemoteException named after the class', () => {
    class Invalid extends TypeError {}
    const back = travel(new Invalid('nope'));
    expect(back).toBeInstanceOf(RemoteException);
    expect(back).toMatchObject({ remoteName: 'Invalid', name: 'Invalid', message: 'nope' });
  });

  it('copies own properties of a custom error and keeps a foreign code as remoteCode', () => {
    const custom = Object.assign(new Error('quota'), {
      name: 'QuotaError',
      limit: 3,
      code: 'E_QUOTA',
    });
    Object.setPrototypeOf(custom, class QuotaError extends Error {}.prototype);
    const back = travel(custom);
    expect(back).toBeInstanceOf(RemoteException);
    expect(back).toMatchObject({
      remoteName: 'QuotaError',
      limit: 3,
      remoteCode: 'E_QUOTA',
      code: 'TASK_REMOTE_EXCEPTION',
    });
  });

  it('preserves the code of a remote ParslError', () => {
    const back = travel(new AppFailure('diverged', 4));
    expect(ParslError.is(back) && back.code).toBe('TASK_APP_FAILED');
    expect(back).toMatchObject({ remoteName: 'AppFailure', exitCode: 4 });
  });

  it('turns properties that cannot be cloned into strings', () => {
    const back = travel(Object.assign(new Error('x'), { callback: function cb() {} }));
    expect((back as Error & { callback: unknown }).callback).toBe('[function cb]');
  });

  it('rebuilds the cause chain', () => {
    const back = travel(new Error('outer', { cause: new RangeError('inner') }));
    expect(back.cause).toBeInstanceOf(RangeError);
    expect((back.cause as Error).message).toBe('inner');
  });

  it('wraps a thrown non-Error value', () => {
    const back = travel('just a string');
    expect(back).toBeInstanceOf(RemoteException);
    expect(back.message).toBe('the app threw a non-Error value: "just a string"');
  });

  it.each([
    [{ kind: 'unshippable', reason: 'its function is native' }, UnshippableFunctionError],
    [{ kind: 'serialization', reason: 'its result cannot be sent back' }, SerializationError],
  ] as const)('rebuilds %o with the executor and app named', (error: SerializedError, Ctor) => {
    const back = rebuildError(error, context);
    expect(back).toBeInstanceOf(Ctor);
    expect(back.message).toMatch(/^executor threads: app work: /);
  });
});
