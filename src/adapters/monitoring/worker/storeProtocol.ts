import type { MonitoringStore } from '../../../ports/MonitoringStore.js';

/** The store methods the worker answers. */
export type StoreMethod = Exclude<keyof MonitoringStore, 'location'>;

/** Parent -> worker: call one store method. */
export interface StoreRequest {
  readonly id: number;
  readonly method: StoreMethod;
  readonly args: readonly unknown[];
}

/** Worker -> parent: the method's result or its error message. */
export type StoreReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };
