import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The element's content width in px (at least `min`), kept up to date as it resizes. */
export function useElementWidth<T extends HTMLElement>(fallback: number, min = 320): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = (): void => setWidth(Math.max(min, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [min]);
  return [ref, width];
}
