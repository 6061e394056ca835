import { ReviewsView } from './reviews.view';

export default function ReviewsPage() {
  return <ReviewsView />;
}
