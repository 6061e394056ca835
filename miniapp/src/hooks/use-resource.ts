import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';

export type Resource<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'error'; error: ApiError; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void };

type State<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/** Loads once per `key` (and again on `reload`); a late answer for an old key is dropped. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<State<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => { if (current) setState({ status: 'ready', data }); },
      (err: unknown) => {
        if (current) setState({ status: 'error', error: err instanceof ApiError ? err : ApiError.fromCode('INTERNAL') });
      },
    );
    return () => { current = false; };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload } as Resource<T>;
}
