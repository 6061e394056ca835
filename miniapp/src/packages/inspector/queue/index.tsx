import { QueueView } from './queue.view';

export default function QueuePage() {
  return <QueueView />;
}
