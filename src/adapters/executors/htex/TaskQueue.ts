/** A FIFO of frames with O(1) push and shift (an array with a moving head, compacted lazily). */
export class TaskQueue {
  private items: Buffer[] = [];
  private head = 0;

  public get length(): number {
    return this.items.length - this.head;
  }

  public push(item: Buffer): void {
    this.items.push(item);
  }

  public shift(): Buffer | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Puts frames back at the front, in order (used when a worker's unstarted tasks are requeued). */
  public unshiftAll(frames: readonly Buffer[]): void {
    this.items = [...frames, ...this.items.slice(this.head)];
    this.head = 0;
  }
}
