import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { QueueView } from './queue.view';

export default function QueuePage() {
  return <DeskShell title='踏勘任务' active='queue'><QueueView /></DeskShell>;
}
