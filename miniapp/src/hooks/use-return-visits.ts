import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';

/** Counts the times the page shows again (back from another page); the first show is the load itself. */
export function useReturnVisits(): number {
  const [visits, setVisits] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setVisits((v) => v + 1);
    shown.current = true;
  });
  return visits;
}
