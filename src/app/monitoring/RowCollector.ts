import type { TaskStateEvent } from '../../domain/task/TaskEvent.js';
import type { TaskRow, TryRow, WorkflowRow } from '../../ports/MonitoringStore.js';
import type { MonitoringInput } from './MonitoringInput.js';
import type { LiveRow, RowBuffer } from './RowBuffer.js';

/** Who and what is running, for the workflow row. */
export interface WorkflowIdentity {
  readonly workflowName: string;
  /** @default the start time as an ISO string (Parsl: "the beginning datetime of the script") */
  readonly workflowVersion?: string;
  readonly host: string;
  readonly user: string;
  /** Used when the hub is attached after the kernel emitted workflow-start. */
  readonly runId?: string;
  readonly runDir?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A live task row with its current try (not written: snapshots copy only TaskRow fields). */
type LiveTask = LiveRow<TaskRow> & { attempt: LiveRow<TryRow> | undefined };
const FINISHED = 0;

const DONE = new Set(['exec_done', 'memo_done']);
const FAILED = new Set(['failed', 'dep_fail']);

/**
 * Turns monitoring inputs into rows (Parsl's db_manager write pattern): every task transition
 * appends a status row and replaces the task's row; launched/running/returned update the try row;
 * final states update the workflow counts. Live task and try state is kept only until the task ends.
 */
export class RowCollector {
  private workflow: Mutable<WorkflowRow> | undefined;
  private readonly early: MonitoringInput[] = [];
  /** Indexed by task id (the kernel's ids are dense from 0): cheaper than Maps on the hot path. */
  private readonly tasks: (LiveTask | typeof FINISHED | undefined)[] = [];

  public constructor(
    private readonly buffer: RowBuffer,
    private readonly identity: WorkflowIdentity,
  ) {}

  public get runId(): string | undefined {
    return this.workflow?.runId;
  }

  public accept(input: MonitoringInput): void {
    if (input.type === 'workflow-start') {
      this.start(input.runId, input.runDir, input.at);
      for (const queued of this.early.splice(0)) this.accept(queued);
      return;
    }
    const workflow = this.workflow ?? this.startFromIdentity(input);
    if (workflow === undefined) {
      this.early.push(input);
      return;
    }
    const runId = workflow.runId;
    switch (input.type) {
      case 'task-state':
        this.onTaskState(workflow, input);
        break;
      case 'workflow-end':
        workflow.timeCompleted = input.at;
        this.buffer.putWorkflow(workflow);
        break;
      case 'block-status':
        this.buffer.addBlock({
          runId,
          executorLabel: input.executor,
          blockId: input.blockId,
          jobId: null,
          status: input.state,
          timestamp: input.at,
        });
        break;
      case 'node-info':
        this.buffer.addNode({
          runId,
          executorLabel: input.executor,
          hostname: input.hostname,
          uid: input.uid,
          blockId: input.blockId,
          cpuCount: input.cpuCount,
          totalMemory: input.totalMemory,
          active: input.active,
          workerCount: input.workerCount,
          timestamp: input.at,
        });
        break;
      case 'resource': {
        const { type: _type, ...sample } = input;
        this.buffer.addResource({ runId, ...sample });
        break;
      }
      default:
        // Other kernel events (scaling decisions, …) have no table.
        break;
    }
  }

  private start(runId: string, runDir: string, at: number): void {
    if (this.workflow?.runId === runId) {
      // Started from the identity already (attached with runId); keep the counts so far.
      this.workflow.timeBegan = Math.min(this.workflow.timeBegan, at);
      if (runDir !== '') this.workflow.rundir = runDir;
      this.buffer.putWorkflow(this.workflow);
      return;
    }
    this.workflow = {
      runId,
      workflowName: this.identity.workflowName,
      workflowVersion: this.identity.workflowVersion ?? new Date(at).toISOString(),
      timeBegan: at,
      timeCompleted: null,
      host: this.identity.host,
      user: this.identity.user,
      rundir: runDir,
      tasksCompletedCount: 0,
      tasksFailedCount: 0,
    };
    this.buffer.putWorkflow(this.workflow);
  }

  private startFromIdentity(input: MonitoringInput): Mutable<WorkflowRow> | undefined {
    if (this.identity.runId === undefined) return undefined;
    const at = 'at' in input ? input.at : input.timestamp;
    this.start(this.identity.runId, this.identity.runDir ?? '', at);
    return this.workflow;
  }

  private onTaskState(workflow: Mutable<WorkflowRow>, e: TaskStateEvent): void {
    const runId = workflow.runId;
    this.buffer.addStatus({
      runId,
      taskId: e.taskId,
      tryId: e.tryId,
      state: e.to,
      timestamp: e.at,
    });
    const slot = this.tasks[e.taskId];
    if (slot === FINISHED) return;
    let task = slot;
    if (task === undefined) {
      task = {
        runId,
        taskId: e.taskId,
        appName: e.appName,
        executor: e.executor,
        dependsOn: e.dependsOn ?? [],
        taskStatus: e.to,
        timeInvoked: e.at,
        timeReturned: null,
        failCount: 0,
        queued: false,
        attempt: undefined,
      };
      this.tasks[e.taskId] = task;
    }
    task.taskStatus = e.to;
    task.executor = e.executor;
    if (e.dependsOn !== undefined) task.dependsOn = e.dependsOn;
    this.onTry(runId, task, e);
    if (e.to === 'fail_retryable' || e.to === 'failed') task.failCount += 1;
    const final = DONE.has(e.to) || FAILED.has(e.to);
    if (final) {
      task.timeReturned = e.at;
      if (DONE.has(e.to)) workflow.tasksCompletedCount += 1;
      else workflow.tasksFailedCount += 1;
      this.buffer.putWorkflow(workflow);
      task.attempt = undefined;
      this.tasks[e.taskId] = FINISHED;
    }
    this.buffer.putTask(task);
  }

  private onTry(runId: string, task: LiveTask, e: TaskStateEvent): void {
    let attempt = task.attempt?.tryId === e.tryId ? task.attempt : undefined;
    if (attempt === undefined) {
      if (e.to !== 'launched' && e.to !== 'running') return;
      attempt = {
        runId,
        taskId: e.taskId,
        tryId: e.tryId,
        executor: e.executor,
        blockId: null,
        hostname: null,
        timeLaunched: e.to === 'launched' ? e.at : null,
        timeRunning: null,
        timeReturned: null,
        failMessage: null,
        queued: false,
      };
      task.attempt = attempt;
    }
    if (e.to === 'running') attempt.timeRunning = e.at;
    const ended = e.to === 'fail_retryable' || DONE.has(e.to) || FAILED.has(e.to);
    if (ended) {
      attempt.timeReturned = e.at;
      if (e.error !== undefined) attempt.failMessage = e.error;
      task.attempt = undefined;
    }
    this.buffer.putTry(attempt);
  }
}
