import { useState } from 'react';
import type { Storyboard } from '../../../shared/boards/board-models';
import { BoardHeader } from './board-header';
import { EncodeOffer, GenerateConfirm } from './generate-confirm';
import { SequencePlayer } from './sequence-player';
import { ShotGrid } from './shot-grid';
import { ShotInspector } from './shot-inspector';
import { useBoardsStore } from './boards-store';
import { CastBar } from './cast-bar';
import { MusicBar } from './music-bar';
import { CharacterInspector } from './character-inspector';
import { BurnDialog } from './burn-dialog';
import { RecastDialog } from './recast-dialog';
import { useRecastStore } from './recast-store';

/** One storyboard: its actions, the film as it plays, the shots in order, and the chosen shot's settings. */
export function BoardEditor({ board }: { board: Storyboard }) {
  const selectedId = useBoardsStore((state) => state.selectedShotId);
  const pending = useBoardsStore((state) => state.pending);
  const encodeOffer = useBoardsStore((state) => state.encodeOffer);
  const burnOpen = useBoardsStore((state) => state.burnOpen);
  const recastOpen = useRecastStore((state) => state.open);
  const [playingShot, setPlayingShot] = useState<string | null>(null);
  const selectedIndex = board.shots.findIndex((shot) => shot.id === selectedId);
  const selected = board.shots[selectedIndex];
  const characterId = useBoardsStore((state) => state.selectedCharacterId);
  const character = board.characters.find((candidate) => candidate.id === characterId);
  return (
    <div className="board-editor" data-testid="board-editor">
      <div className="board-main">
        <BoardHeader board={board} />
        <CastBar board={board} />
        <MusicBar board={board} />
        {pending && <GenerateConfirm pending={pending} />}
        {encodeOffer && <EncodeOffer reason={encodeOffer} />}
        <SequencePlayer board={board} onShot={setPlayingShot} />
        <ShotGrid board={board} playingShot={playingShot} />
      </div>
      {burnOpen && <BurnDialog board={board} />}
      {recastOpen && <RecastDialog board={board} />}
      {character ? (
        <CharacterInspector board={board} character={character} />
      ) : (
        selected && <ShotInspector board={board} shot={selected} index={selectedIndex} />
      )}
    </div>
  );
}
