import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { ReviewsView } from './reviews.view';

export default function ReviewsPage() {
  return <DeskShell title='踏勘审阅' active='reviews'><ReviewsView /></DeskShell>;
}
