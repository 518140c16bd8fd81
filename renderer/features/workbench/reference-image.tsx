import { type ClipboardEvent, type DragEvent } from 'react';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { findModel, imageTargetOf } from '../../../shared/catalog/model-lookup';
import { frameForTarget } from '../../../shared/images/target-frame';
import { draftParams } from '../../../shared/drafts/draft-request';
import type { Draft } from '../../../shared/drafts/draft-models';
import { CropWindow } from './crop-window';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';
import { translateRef } from '../../../shared/i18n/error-text';

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** Accepts an image from a drop or a paste (as bytes: the page never sees file system paths). */
export async function acceptImage(items: DataTransferItemList | null): Promise<boolean> {
  const file = [...(items ?? [])].find((item) => item.kind === 'file' && item.type.startsWith('image/'))?.getAsFile();
  if (!file) return false;
  await useWorkbenchStore.getState().attachData(await readAsDataUrl(file));
  return true;
}

/** The reference image: drop, paste or pick; the crop window over it; and exactly what will be uploaded. */
export function ReferenceImage({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const inspection = useWorkbenchStore((state) => state.inspection);
  const prepared = useWorkbenchStore((state) => state.prepared);
  const { pick, removeImage, edit } = useWorkbenchStore.getState();
  const model = findModel(SNAPSHOT_CATALOG, draft.params.model);
  const fitted = draftParams(SNAPSHOT_CATALOG, draft.params);
  // The frame the main process crops to: the model's exact one, or one that follows the image's own size.
  const frame =
    model && inspection && fitted.ok
      ? frameForTarget(imageTargetOf(model, fitted.params), { width: inspection.width, height: inspection.height })
      : undefined;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void acceptImage(event.dataTransfer.items);
  };
  const onPaste = (event: ClipboardEvent) => {
    if ([...event.clipboardData.items].some((item) => item.type.startsWith('image/'))) {
      event.preventDefault();
      void acceptImage(event.clipboardData.items);
    }
  };

  return (
    <section
      className="reference-image"
      aria-labelledby="reference-title"
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
      onPaste={onPaste}
      tabIndex={-1}
    >
      <h2 id="reference-title">{t('workbench.image')}</h2>
      {!draft.imagePath && (
        <div className="drop-zone" data-testid="drop-zone">
          {t('workbench.imageDrop')}{' '}
          <button type="button" data-testid="image-pick" onClick={() => void pick()}>
            {t('workbench.imagePick')}
          </button>
        </div>
      )}
      {draft.imagePath && inspection && frame && (
        <>
          <p className="hint">{t('workbench.imageBefore')}</p>
          <div className="crop-stage" data-testid="crop-stage">
            <img src={inspection.preview} alt="" draggable={false} />
            <CropWindow
              image={inspection}
              frame={frame}
              crop={draft.crop}
              onChange={(crop) => edit({ crop })}
              label={t('workbench.cropKeys')}
            />
          </div>
          <ul className="findings" data-testid="findings">
            {inspection.findings.map((finding) => (
              <li key={finding.kind}>{translateRef(translate, finding.text) ?? finding.message}</li>
            ))}
          </ul>
          {prepared && (
            <>
              <p className="hint">
                {t('workbench.imageAfter', { width: String(prepared.width), height: String(prepared.height) })}
              </p>
              <img className="prepared-preview" data-testid="prepared-preview" src={prepared.preview} alt="" />
            </>
          )}
          <button type="button" onClick={() => void removeImage()}>
            {t('workbench.imageRemove')}
          </button>
        </>
      )}
    </section>
  );
}
