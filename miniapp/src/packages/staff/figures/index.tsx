import { FiguresPageView } from './figures.view';

export default function FiguresPage() {
  return <FiguresPageView />;
}
