/** A first-in first-out queue with O(1) shift and unshift of a batch at the front. */
export class Fifo<TItem> {
  private items: TItem[] = [];
  private head = 0;

  public get size(): number {
    return this.items.length - this.head;
  }

  public push(item: TItem): void {
    this.items.push(item);
  }

  public peek(): TItem | undefined {
    return this.items[this.head];
  }

  public shift(): TItem | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head] as TItem;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Puts `batch` back at the front, in order (used to requeue a lost thread's unstarted tasks). */
  public unshiftAll(batch: readonly TItem[]): void {
    if (batch.length === 0) return;
    this.items = [...batch, ...this.items.slice(this.head)];
    this.head = 0;
  }

  /** Removes and returns every item. */
  public drain(): TItem[] {
    const all = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }
}
