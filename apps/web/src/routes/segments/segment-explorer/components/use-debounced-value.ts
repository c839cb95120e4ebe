import { useEffect, useState } from 'react';

/** `value`, but only once it has stopped changing for `delayMs` (compared by JSON, so equal arrays do not restart the wait). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  const serialized = JSON.stringify(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(JSON.parse(serialized) as T), delayMs);
    return () => window.clearTimeout(timer);
  }, [serialized, delayMs]);
  return debounced;
}
