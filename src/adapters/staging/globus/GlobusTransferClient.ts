import { type RetryPolicy, TransferFailure, withRetry } from '../transfer/RetryPolicy.js';

/** A Transfer task's state as the API reports it. */
export type GlobusTaskStatus = 'ACTIVE' | 'INACTIVE' | 'SUCCEEDED' | 'FAILED';

/** The fields of `GET /task/<id>` that staging uses. */
export interface GlobusTask {
  readonly DATA_TYPE: 'task';
  readonly task_id: string;
  readonly status: GlobusTaskStatus;
  readonly nice_status?: string | null;
  readonly files?: number;
  readonly files_transferred?: number;
  readonly faults?: number;
}

/** One entry of `GET /task/<id>/event_list`. */
export interface GlobusEvent {
  readonly DATA_TYPE: 'event';
  readonly code: string;
  readonly description: string;
  readonly details: string;
  readonly is_error: boolean;
  readonly time: string;
}

/** One file of a transfer. */
export interface GlobusTransferItem {
  readonly sourcePath: string;
  readonly destinationPath: string;
}

/** An API error: HTTP status and Globus's `code` (e.g. `ClientError.NotFound`, `AuthenticationFailed`). */
export class GlobusApiError extends TransferFailure {
  public constructor(
    public readonly status: number,
    public readonly globusCode: string,
    message: string,
  ) {
    super(
      `Globus Transfer API HTTP ${status} ${globusCode}: ${message}`,
      status >= 500 || status === 429,
    );
  }
}

/**
 * A small client for the Globus Transfer REST API v0.10: submission ids, transfer submission,
 * task status and error events, endpoint auto-activation. Every request carries
 * `Authorization: Bearer <token>` from `accessToken()`; 5xx, 429 and network failures are retried.
 */
export class GlobusTransferClient {
  public constructor(
    private readonly baseUrl: string,
    private readonly accessToken: () => Promise<string>,
    private readonly retry: RetryPolicy,
  ) {}

  /** `POST /endpoint/<id>/autoactivate`: returns the activation result's `code`. */
  public async autoactivate(endpoint: string): Promise<string> {
    const body = await this.call<{ code: string }>(
      'POST',
      `/endpoint/${encodeURIComponent(endpoint)}/autoactivate?if_expires_in=3600`,
      {},
    );
    return body.code;
  }

  /** `GET /submission_id`: an id that makes resubmitting the same transfer idempotent. */
  public async submissionId(): Promise<string> {
    return (await this.call<{ value: string }>('GET', '/submission_id')).value;
  }

  /** `POST /transfer`: submits a transfer task and returns its task id. */
  public async submitTransfer(
    submissionId: string,
    source: string,
    destination: string,
    items: readonly GlobusTransferItem[],
    label: string,
  ): Promise<string> {
    const body = await this.call<{ task_id: string }>('POST', '/transfer', {
      DATA_TYPE: 'transfer',
      submission_id: submissionId,
      source_endpoint: source,
      destination_endpoint: destination,
      label,
      verify_checksum: true,
      DATA: items.map((item) => ({
        DATA_TYPE: 'transfer_item',
        source_path: item.sourcePath,
        destination_path: item.destinationPath,
        recursive: false,
      })),
    });
    return body.task_id;
  }

  /** `GET /task/<id>`. */
  public task(taskId: string): Promise<GlobusTask> {
    return this.call<GlobusTask>('GET', `/task/${encodeURIComponent(taskId)}`);
  }

  /** `GET /task/<id>/event_list?filter=is_error:1`: the task's error events, newest first. */
  public async errorEvents(taskId: string): Promise<readonly GlobusEvent[]> {
    const body = await this.call<{ DATA: GlobusEvent[] }>(
      'GET',
      `/task/${encodeURIComponent(taskId)}/event_list?filter=is_error:1&limit=10`,
    );
    return body.DATA;
  }

  private call<TBody>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<TBody> {
    return withRetry(async () => {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.accessToken()}`,
          accept: 'application/json',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      const text = await response.text();
      if (!response.ok) {
        let code = 'Unknown';
        let message = text.slice(0, 300);
        try {
          const error = JSON.parse(text) as { code?: string; message?: string };
          code = error.code ?? code;
          message = error.message ?? message;
        } catch {
          // not JSON: keep the raw text
        }
        throw new GlobusApiError(response.status, code, message);
      }
      return JSON.parse(text) as TBody;
    }, this.retry);
  }
}
