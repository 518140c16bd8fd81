import { Star } from 'lucide-react';
import { useTranslator } from '../../i18n/use-translator';

/** One to five stars; choosing the current rating again clears it. Each star is a button named "3 of 5". */
export function RatingControl({ rating, onRate }: { rating: number | null; onRate: (rating: number | null) => void }) {
  const translate = useTranslator();
  const { t } = translate;
  return (
    <span role="group" aria-label={t('library.rating')} className="rating" data-testid="library-rating">
      {[1, 2, 3, 4, 5].map((stars) => {
        const lit = (rating ?? 0) >= stars;
        return (
          <button
            key={stars}
            type="button"
            className={lit ? 'rating-star lit' : 'rating-star'}
            aria-pressed={lit}
            aria-label={t('library.ratingStars', { stars })}
            onClick={() => onRate(rating === stars ? null : stars)}
          >
            <Star size={18} aria-hidden="true" fill={lit ? 'currentColor' : 'none'} />
          </button>
        );
      })}
    </span>
  );
}
