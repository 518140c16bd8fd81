import type { VideoModel } from '../catalog/video-model';
import type { DraftImage } from '../drafts/draft-models';
import type { Character, Shot, Storyboard } from './board-models';

/** What a shot sends once its characters are cast: its prompt and images, and how each character was carried. */
export interface CastShot {
  readonly prompt: string;
  readonly images: readonly DraftImage[];
  /** Characters whose reference images go in the model's reference slots. */
  readonly byImage: readonly string[];
  /** Characters described in the prompt (the model takes no references, their images do not fit, or they have none). */
  readonly byDescription: readonly string[];
}

/** The characters a shot names, in the sheet's order (ids no longer on the sheet are ignored). */
export function castOf(board: Pick<Storyboard, 'characters'>, shot: Pick<Shot, 'characterIds'>): Character[] {
  return board.characters.filter((character) => shot.characterIds.includes(character.id));
}

/**
 * Carries a shot's characters into its request, so the same face and costume hold from shot to shot: reference
 * images where the model takes them (Vidu's reference images, Kling omni's reference role), the description in the
 * prompt where it does not. An extension continues its video and takes nothing.
 */
export function castShot(board: Pick<Storyboard, 'characters'>, shot: Shot, model: VideoModel | undefined): CastShot {
  const cast = castOf(board, shot);
  if (cast.length === 0 || shot.extendsTake)
    return { prompt: shot.prompt, images: shot.images, byImage: [], byDescription: [] };
  const input = model?.images.find((candidate) => candidate.roles.includes('reference'));
  let free = input ? input.maxItems - shot.images.filter((image) => input.roles.includes(image.role)).length : 0;
  const images: DraftImage[] = [...shot.images];
  const byImage: string[] = [];
  const described: Character[] = [];
  const tags: string[] = [];
  for (const character of cast) {
    const usable = character.images.filter((image) => image.path !== '');
    if (usable.length === 0 || free < 1) {
      described.push(character);
      continue;
    }
    const taken = usable.slice(0, free);
    free -= taken.length;
    for (const image of taken) {
      images.push({ role: 'reference', path: image.path, crop: image.crop });
      // Kling omni names its images in the prompt by their place in the list.
      if (input?.shape === 'roles') tags.push(`${character.name} is <<<image_${images.length}>>>.`);
    }
    byImage.push(character.name);
  }
  const descriptions = described
    .filter((character) => character.description.trim() !== '')
    .map((character) => `${character.name}: ${character.description.trim()}`);
  const additions = [...tags, ...descriptions];
  return {
    prompt: additions.length === 0 ? shot.prompt : `${shot.prompt.trimEnd()}\n\n${additions.join('\n')}`,
    images,
    byImage,
    byDescription: described.map((character) => character.name),
  };
}
