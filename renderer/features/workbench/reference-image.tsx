import { ImagePlus, Trash2 } from 'lucide-react';
import { type ClipboardEvent, type DragEvent } from 'react';
import { useModelsStore } from '../models';
import { findModel, imageSlotsOf, imageTargetOf, mainImageRole } from '../../../shared/catalog/model-lookup';
import type { ImageRole } from '../../../shared/catalog/video-model';
import type { Draft } from '../../../shared/drafts/draft-models';
import { translateRef } from '../../../shared/i18n/error-text';
import { frameForTarget } from '../../../shared/images/target-frame';
import { useTranslator } from '../../i18n/use-translator';
import { CropWindow } from './crop-window';
import { useWorkbenchStore } from './workbench-store';

const ROLES: readonly ImageRole[] = ['first', 'last', 'reference'];

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** Accepts an image from a drop or a paste (as bytes: the page never sees file system paths), in a role. */
export async function acceptImage(items: DataTransferItemList | null, role: ImageRole): Promise<boolean> {
  const file = [...(items ?? [])].find((item) => item.kind === 'file' && item.type.startsWith('image/'))?.getAsFile();
  if (!file) return false;
  await useWorkbenchStore.getState().attachData(role, await readAsDataUrl(file));
  return true;
}

/** The role an image dropped on the page (not on a slot) takes: the model's first frame, else a reference. */
export function mainRole(draft: Draft): ImageRole {
  const model = findModel(useModelsStore.getState().catalog, draft.model);
  return (model && mainImageRole(model)) ?? 'first';
}

/** One image: the crop window over it, what preparing it does, and exactly what will be uploaded. */
function ImageCard({ draft, index, suffix }: { draft: Draft; index: number; suffix: string }) {
  const translate = useTranslator();
  const { t } = translate;
  const view = useWorkbenchStore((state) => state.images[index]);
  const { edit, removeImage } = useWorkbenchStore.getState();
  const image = draft.images[index];
  const catalog = useModelsStore((state) => state.catalog);
  const model = findModel(catalog, draft.model);
  if (!image) return null;
  // The frame the main process crops to: the model's exact one, or one that follows the image's own size.
  const frame =
    model && view
      ? frameForTarget(imageTargetOf(model, draft.params), {
          width: view.inspection.width,
          height: view.inspection.height,
        })
      : undefined;
  return (
    <div className="image-card">
      {view && frame && (
        <>
          <p className="hint">{t('workbench.imageBefore')}</p>
          <div className="crop-stage" data-testid={`crop-stage${suffix}`}>
            <img src={view.inspection.preview} alt="" draggable={false} />
            <CropWindow
              image={view.inspection}
              frame={frame}
              crop={image.crop}
              onChange={(rect) => edit({ crop: { index, rect } })}
              label={t('workbench.cropKeys')}
              testId={`crop-window${suffix}`}
            />
          </div>
          <ul className="findings" data-testid={`findings${suffix}`}>
            {view.inspection.findings.map((finding) => (
              <li key={finding.kind}>{translateRef(translate, finding.text) ?? finding.message}</li>
            ))}
          </ul>
          <p className="hint">
            {t('workbench.imageAfter', { width: String(view.prepared.width), height: String(view.prepared.height) })}
          </p>
          <div className="prepared-frame">
            <img
              className="prepared-preview"
              data-testid={`prepared-preview${suffix}`}
              src={view.prepared.preview}
              alt=""
            />
          </div>
        </>
      )}
      <button type="button" className="small" onClick={() => void removeImage(index)}>
        <Trash2 size={13} aria-hidden="true" />
        {t('workbench.imageRemove')}
      </button>
    </div>
  );
}

/** The images by role the draft's model takes — first frame, last frame, references — each dropped, pasted or picked. */
export function ReferenceImage({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const { pick } = useWorkbenchStore.getState();
  const catalog = useModelsStore((state) => state.catalog);
  const model = findModel(catalog, draft.model);
  const slots = model ? imageSlotsOf(model) : { first: 0, last: 0, reference: 0 };
  const main = mainRole(draft);
  const taken = ROLES.filter((role) => slots[role] > 0);
  // The first image card keeps the plain test ids; the others are told apart by their index.
  const suffixOf = (index: number) => (index === 0 ? '' : `-${index}`);
  const roleSuffix = (role: ImageRole) => (role === main ? '' : `-${role}`);

  const onDrop = (role: ImageRole) => (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    void acceptImage(event.dataTransfer.items, role);
  };
  const onPaste = (event: ClipboardEvent) => {
    if ([...event.clipboardData.items].some((item) => item.type.startsWith('image/'))) {
      event.preventDefault();
      void acceptImage(event.clipboardData.items, main);
    }
  };

  return (
    <section
      className="reference-image card"
      aria-labelledby="reference-title"
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop(main)}
      onPaste={onPaste}
      tabIndex={-1}
    >
      <h2 id="reference-title" className="section-title">
        {t('workbench.image')}
      </h2>
      {taken.length === 0 && <p className="hint">{t('workbench.image.none')}</p>}
      {taken.map((role) => {
        const mine = draft.images.flatMap((image, index) => (image.role === role ? [index] : []));
        return (
          <div key={role} className="image-role" onDrop={onDrop(role)}>
            <h3>{t(`workbench.image.${role}`)}</h3>
            {mine.map((index) => (
              <ImageCard
                key={draft.images[index]?.path ?? index}
                draft={draft}
                index={index}
                suffix={suffixOf(index)}
              />
            ))}
            {mine.length < slots[role] && (
              <div className="drop-zone" data-testid={`drop-zone${roleSuffix(role)}`}>
                <ImagePlus size={22} aria-hidden="true" />
                <span>{t('workbench.imageDrop')}</span>
                <button
                  type="button"
                  className="small"
                  data-testid={`image-pick${roleSuffix(role)}`}
                  onClick={() => void pick(role)}
                >
                  {t('workbench.imagePick')}
                </button>
              </div>
            )}
          </div>
        );
      })}
      {draft.images.some((image) => slots[image.role] === 0) && (
        <div className="image-role">
          <p className="hint">{t('workbench.image.notTaken')}</p>
          {draft.images.map((image, index) =>
            slots[image.role] === 0 ? (
              <ImageCard key={image.path} draft={draft} index={index} suffix={suffixOf(index)} />
            ) : null,
          )}
        </div>
      )}
    </section>
  );
}
