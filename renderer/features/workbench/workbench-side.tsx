import { Tabs } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import type { Draft } from '../../../shared/drafts/draft-models';
import { useTranslator } from '../../i18n/use-translator';
import { useMediaQuery } from '../../lib/use-media-query';
import { DraftTakes, useDraftTakes } from './draft-takes';
import { ReferenceImage } from './reference-image';

/** Room for the images and the takes one above the other (a large screen); below it they share the column as tabs. */
const ROOMY = '(min-width: 1600px) and (min-height: 900px)';

/**
 * The column beside the prompt: the draft's images by role and the takes it made. On a large screen both show, the
 * takes filling the space under the images; on a smaller one they are two tabs, and a new take brings its tab forward.
 */
export function WorkbenchSide({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const roomy = useMediaQuery(ROOMY);
  const takes = useDraftTakes(draft.id).length;
  const [tab, setTab] = useState<'images' | 'takes'>('images');
  const seen = useRef({ draftId: draft.id, takes });
  useEffect(() => {
    if (seen.current.draftId === draft.id && takes > seen.current.takes) setTab('takes');
    seen.current = { draftId: draft.id, takes };
  }, [draft.id, takes]);
  if (roomy)
    return (
      <div className="workbench-side">
        <ReferenceImage draft={draft} />
        <DraftTakes draft={draft} />
      </div>
    );
  return (
    <Tabs.Root
      className="workbench-side side-tabs"
      value={tab}
      onValueChange={(next) => setTab(next === 'takes' ? 'takes' : 'images')}
    >
      <Tabs.List className="side-tab-list" aria-label={t('takes.title')}>
        <Tabs.Trigger value="images" className="side-tab" data-testid="side-tab-images">
          {t('takes.tabImages')}
        </Tabs.Trigger>
        <Tabs.Trigger value="takes" className="side-tab" data-testid="side-tab-takes">
          {t('takes.tabTakes')} <span className="badge">{translate.number(takes)}</span>
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="images" className="side-tab-panel">
        <ReferenceImage draft={draft} />
      </Tabs.Content>
      <Tabs.Content value="takes" className="side-tab-panel">
        <DraftTakes draft={draft} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
