import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `ms`: the latest one wins, none is held back longer than `ms`.
 * Parts that need not follow every frame (the timeline, the log) render a few times a second while
 * thousands of events stream in, and at once when the stream is quiet.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastShownAt.current + ms - performance.now();
    if (wait <= 0) {
      lastShownAt.current = performance.now();
      setShown(value);
      return;
    }
    const timer = window.setTimeout(() => {
      lastShownAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => window.clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
