import { durationsOf, imageSlotsOf, shapeNamesOf } from '../../../shared/catalog/model-lookup';
import type { VideoModel } from '../../../shared/catalog/video-model';
import type { Translator } from '../../../shared/i18n/translator';

/** A model in one line for the picker: price per second, lengths, shapes, image inputs. */
export function modelFacts(model: VideoModel, translate: Translator): string {
  const { t } = translate;
  const price =
    model.price.perSecond === null
      ? t('models.noPrice')
      : t('models.perSecond', { price: translate.money(model.price.perSecond) });
  const durations = durationsOf(model);
  const lengths =
    durations.kind === 'list'
      ? durations.seconds.map((seconds) => t('workbench.seconds', { seconds })).join(' · ')
      : durations.kind === 'range'
        ? t('models.lengthRange', { min: durations.min, max: durations.max })
        : durations.seconds === null
          ? ''
          : t('workbench.seconds', { seconds: durations.seconds });
  const shapes = shapeNamesOf(model);
  const slots = imageSlotsOf(model);
  const images =
    slots.reference > 1
      ? t('models.images.refs', { count: slots.reference })
      : slots.last > 0
        ? t('models.images.firstLast')
        : slots.first > 0
          ? t('models.images.first')
          : t('models.images.none');
  return [price, lengths, shapes.length > 0 ? shapes.join(' ') : t('models.followsImage'), images]
    .filter((part) => part !== '')
    .join(' · ');
}
