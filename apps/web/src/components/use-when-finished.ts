import { useEffect, useRef } from 'react';

/**
 * Calls `onFinished` once for a piece of server work (a job, an import's run) this page saw running
 * and now sees finished — to read again what the work changed. Work already finished when the page
 * first saw it does not call it.
 */
export function useWhenFinished<T extends { id: string }>(latest: T | undefined, isRunning: (item: T) => boolean, onFinished: (item: T) => void) {
  const running = useRef<string | null>(null);
  useEffect(() => {
    if (!latest) return;
    if (isRunning(latest)) running.current = latest.id;
    else if (running.current === latest.id) {
      running.current = null;
      onFinished(latest);
    }
  }, [latest, isRunning, onFinished]);
}
