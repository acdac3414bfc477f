import { Injectable } from '@nestjs/common';
import { TaskState, type ListTasksRequest, type ListTasksResponse, type Message, type Task } from '@a2a-js/sdk';
import type { ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import { RequestMalformedError } from '@a2a-js/sdk/errors';
import { OrchestrationError, RunManager, type ManagedRun, type RunHandle, type RunPage } from '@a2a-mcp/orchestration';
import { isKeptMessage } from './a2a-messages';
import { tenantOfCall } from './a2a-caller';
import { endsStream, runToTask, status } from './run-task-mapping';

/** What the A2A side keeps about a run: its context, the kept messages, and the task as a stream writes it. */
interface TaskRecord {
  contextId: string;
  history: Message[];
  /** The task as the SDK last saved it while a stream of ours is being written; undefined otherwise. */
  live?: Task;
}

/**
 * The SDK's TaskStore over the host's runs: a task id is a run id, and loading a task maps the run
 * as it is now (see runToTask), so a run started over REST is a task too. The store keeps only the
 * A2A side of a task: its context id and its history (the user's messages, the questions and the
 * result; not every progress message).
 *
 * While one of our streams is being written (beginStream until the SDK saves the status that ends
 * it), the task reads as that stream has written it so far: the SDK merges each update into the
 * stored task, and a task already past the update (the run runs ahead of its stream) would make it
 * drop the update with a warning. Records are kept by run id (a finished run is read back from the
 * store as a new object, and keeps its history), the most recent RECORDS_KEPT of them: memory stays flat.
 */
/** A2A records kept (context and history of the most recently used tasks). */
const RECORDS_KEPT = 10_000;

/** A map that forgets its least recently used entries past `capacity`. */
class RecentRecords {
  private readonly entries = new Map<string, TaskRecord>();

  constructor(private readonly capacity: number) {}

  get(runId: string): TaskRecord | undefined {
    const record = this.entries.get(runId);
    if (record !== undefined) {
      this.entries.delete(runId);
      this.entries.set(runId, record);
    }
    return record;
  }

  set(runId: string, record: TaskRecord): void {
    this.entries.delete(runId);
    this.entries.set(runId, record);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

@Injectable()
export class RunTaskStore implements TaskStore {
  private readonly records = new RecentRecords(RECORDS_KEPT);

  constructor(private readonly runs: RunManager) {}

  /**
   * Any run behind a task id: running here, or read from the run store (finished, or running on another
   * replica). With a `tenant`, another tenant's run is not found.
   */
  async findAny(taskId: string, tenant?: string): Promise<RunHandle | undefined> {
    const live = this.find(taskId, tenant);
    if (live !== undefined) return live;
    try {
      return await this.runs.lookup(taskId, tenant);
    } catch (error) {
      if (error instanceof OrchestrationError && error.code === 'RUN_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The run behind a task id when it runs on this replica, else undefined. */
  find(taskId: string, tenant?: string): ManagedRun | undefined {
    try {
      return this.runs.get(taskId, tenant);
    } catch (error) {
      if (error instanceof OrchestrationError && error.code === 'RUN_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The run as a task now, whatever a stream has written. */
  snapshot(managed: RunHandle): Task {
    return runToTask(managed, this.records.get(managed.runId));
  }

  /**
   * A stream of ours starts writing the task (working): until it ends, loads return what it wrote.
   * Begun before a resume, so the SDK, which reads the task before it runs the executor, sees a
   * working task even when the answer ends the run at once. Begun again by the executor: it adds the
   * user's message and keeps what was written. True when this call began it (false: a stream was on).
   */
  beginStream(managed: ManagedRun, contextId: string, userMessage?: Message): boolean {
    const record = this.recordOf(managed.runId, contextId);
    const begun = record.live === undefined;
    if (record.live === undefined) {
      const task = runToTask(managed, record);
      record.live = { ...task, status: status(TaskState.TASK_STATE_WORKING, undefined) };
    }
    const live = record.live;
    if (userMessage !== undefined && !live.history.some((message) => message.messageId === userMessage.messageId)) {
      live.history = [...live.history, userMessage];
    }
    return begun;
  }

  /** A stream begun by beginStream will not be written after all (the request failed before it started). */
  abandonStream(managed: ManagedRun): void {
    const record = this.records.get(managed.runId);
    if (record !== undefined) record.live = undefined;
  }

  /** The context id the task has (the run id for a run the A2A side never saw). */
  contextIdOf(managed: RunHandle): string {
    return this.records.get(managed.runId)?.contextId ?? managed.runId;
  }

  /** The task, if the call's caller may see it (its tenant's runs only). */
  async load(taskId: string, context?: ServerCallContext): Promise<Task | undefined> {
    const managed = await this.findAny(taskId, tenantOfCall(context));
    if (managed === undefined) return undefined;
    const live = this.records.get(managed.runId)?.live;
    // A fresh object the SDK may reassign fields of before it saves it back. The artifact list is
    // shared, not copied (that would be a copy per update, quadratic in a big run): the SDK only
    // pushes to it or replaces an entry, on its way to saving it here anyway.
    if (live !== undefined) return { ...live };
    return this.snapshot(managed);
  }

  async save(task: Task): Promise<void> {
    // By id: the run may have finished and left memory while its stream was written (its record stays).
    if (this.records.get(task.id) === undefined && this.find(task.id) === undefined) return;
    const record = this.recordOf(task.id, task.contextId);
    if (record.live !== undefined && !endsStream(task.status?.state)) {
      // Only the kept messages: the SDK adds each update's message and copies the history every time.
      record.live = { ...task, history: task.history.filter(isKeptMessage) };
      return;
    }
    record.live = undefined;
    record.history = task.history.filter(isKeptMessage);
  }

  /**
   * Runs newest first, a page at a time (`pageToken` is the run list's cursor), filtered by context and
   * state; only the call's tenant's runs when it is confined to one.
   */
  async list(params: ListTasksRequest, context?: ServerCallContext): Promise<ListTasksResponse> {
    const pageSize = params.pageSize ?? 50;
    const tenant = tenantOfCall(context);
    let page: RunPage;
    try {
      page = await this.runs.list(pageSize, params.pageToken === '' ? undefined : params.pageToken, tenant);
    } catch (error) {
      if (error instanceof OrchestrationError && error.code === 'INVALID_CURSOR') throw new RequestMalformedError(`pageToken: ${error.message}`);
      throw error;
    }
    const handles = await Promise.all(page.items.map((stored) => this.findAny(stored.runId, tenant)));
    const tasks = handles
      .filter((handle): handle is RunHandle => handle !== undefined)
      .map((handle) => this.snapshot(handle))
      .filter((task) => params.contextId === '' || params.contextId === undefined || task.contextId === params.contextId)
      .filter((task) => params.status === undefined || params.status === TaskState.TASK_STATE_UNSPECIFIED || task.status?.state === params.status);
    return { tasks, nextPageToken: page.nextCursor ?? '', pageSize, totalSize: await this.totalSize(tenant, tasks.length, params, page) };
  }

  /**
   * Every run the store holds; for a caller confined to a tenant the store's total would tell it how
   * busy the others are, so it gets this page's count when the page is the whole list, else 0 (not counted).
   */
  private async totalSize(tenant: string | undefined, listed: number, params: ListTasksRequest, page: RunPage): Promise<number> {
    if (tenant === undefined) return (await this.runs.runStore.stats()).runs;
    const whole = (params.pageToken === undefined || params.pageToken === '') && page.nextCursor === undefined;
    return whole ? listed : 0;
  }

  private recordOf(runId: string, contextId: string): TaskRecord {
    let record = this.records.get(runId);
    if (record === undefined) {
      record = { contextId: contextId === '' ? runId : contextId, history: [] };
      this.records.set(runId, record);
    }
    return record;
  }
}
