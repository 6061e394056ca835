import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { FiguresPageView } from './figures.view';

export default function FiguresPage() {
  return <DeskShell title='办件统计' active='figures'><FiguresPageView /></DeskShell>;
}
