import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Resource } from '../hooks/use-resource';
import './async-view.css';

interface Props<T> {
  resource: Resource<T>;
  /** When the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The three states every page has besides its data: loading, error (with retry) and empty. */
export function AsyncView<T>({ resource, isEmpty, empty, children }: Props<T>) {
  if (resource.status === 'loading') {
    return <View className='state state--loading' aria-busy='true'><Text>正在加载…</Text></View>;
  }
  if (resource.status === 'error') {
    return (
      <View className='state state--error' role='alert'>
        <Text className='state__message'>{resource.error.message}</Text>
        <Button className='btn btn--plain' onClick={resource.reload}>重试</Button>
      </View>
    );
  }
  if (isEmpty?.(resource.data)) return <View className='state state--empty'>{empty ?? <Text>暂无内容</Text>}</View>;
  return <>{children(resource.data)}</>;
}
