// Gathers concurrent requests into batches ("natural batching", as TigerBeetle and Blnk do): a request
// that arrives while a batch slot is free leaves on the next turn of the event loop (no timer, so an
// unloaded request waits for nothing); requests that arrive while every slot is busy queue, and the
// next free slot takes them all (up to `maxBatch`) as ONE call. Under load, batches therefore grow by
// themselves to what the database can absorb per round trip; a full batch leaves at once.
//
// Invariants:
// - every submitted request is settled exactly once, with the answer at its own index of the batch;
// - at most `maxInFlight` batches run at a time (bounds the connections a burst can take);
// - requests leave in arrival order, and the batch applies them in that order.
//
// The coalescer knows nothing about money: `run` does the work (lib/ledger/transfer-coalescer.ts).

export interface CoalescerOptions {
  /** Most requests per batch. */
  maxBatch: number;
  /** Most batches running at once. */
  maxInFlight: number;
  /** Extra wait before a non-full batch leaves, in ms (0: the next turn of the event loop). */
  windowMs: number;
}

export interface CoalescerStats {
  batches: number;
  requests: number;
  largestBatch: number;
  /** Most batches seen running at the same time. */
  mostInFlight: number;
}

/** An answer that fails one request of a batch (the others still get theirs). */
export class Failed {
  constructor(readonly error: unknown) {}
}

type Waiter<Req, Res> = { request: Req; resolve: (value: Res) => void; reject: (error: unknown) => void };

export class Coalescer<Req, Res> {
  private queue: Waiter<Req, Res>[] = [];
  private inFlight = 0;
  private scheduled = false;
  readonly stats: CoalescerStats = { batches: 0, requests: 0, largestBatch: 0, mostInFlight: 0 };

  constructor(
    /** Answers one result (or Failed) per request, in the same order; throwing fails every request of the batch. */
    private readonly run: (batch: Req[]) => Promise<(Res | Failed)[]>,
    readonly options: CoalescerOptions,
  ) {
    if (options.maxBatch < 1 || options.maxInFlight < 1 || options.windowMs < 0) throw new Error("invalid coalescer options");
  }

  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    if (this.options.windowMs > 0) setTimeout(go, this.options.windowMs);
    else setImmediate(go);
  }

  /** Starts as many batches as there are free slots and queued requests. */
  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.requests += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      this.stats.mostInFlight = Math.max(this.stats.mostInFlight, this.inFlight);
      void this.execute(batch);
    }
  }

  private async execute(batch: Waiter<Req, Res>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.request));
      if (results.length !== batch.length) throw new Error(`coalescer: ${results.length} answers for ${batch.length} requests`);
      batch.forEach((w, i) => {
        const result = results[i]!;
        if (result instanceof Failed) w.reject(result.error);
        else w.resolve(result);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.inFlight--;
      // What queued while this batch ran leaves now, as one batch.
      if (this.queue.length > 0) this.flush();
    }
  }
}
