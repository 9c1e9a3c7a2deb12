import { useEffect, useState } from 'react';
import { ApiError } from './api';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: ApiError | Error };

/** A GET that reloads when `key` changes and is cancelled when the page moves on. */
export function useApiGet<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> }>({
    key,
    loaded: { status: 'loading' },
  });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setState({ key, loaded: { status: 'ready', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          key,
          loaded: {
            status: 'failed',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        });
      },
    );
    return () => controller.abort();
    // `load` is a new function on every render; `key` says when the request changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.loaded : { status: 'loading' };
}
