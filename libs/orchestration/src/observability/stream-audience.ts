import { Injectable } from '@nestjs/common';

/** Counts the clients following run event streams (SSE), for the metrics. */
@Injectable()
export class StreamAudience {
  private open = 0;

  get size(): number {
    return this.open;
  }

  /** A client started following; call the returned function once when it leaves. */
  joined(): () => void {
    this.open++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.open--;
    };
  }
}
