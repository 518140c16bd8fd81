import { findModel } from '../../../../shared/catalog/model-lookup';
import type { VideoModel } from '../../../../shared/catalog/video-model';
import { noSuchModel } from '../../cli-help';
import type { McpSession } from '../mcp-session';

/** The model a tool names, with today's schema when a key is set (as `reelbench models show` reads it). */
export async function modelNamed(session: McpSession, id: string): Promise<VideoModel> {
  const models = await session.context.models();
  const key = await session.context.keyStore.status();
  const model = key.present ? await models.ensure(id) : findModel(models.current(), id);
  if (!model) throw noSuchModel(id, models.current());
  return model;
}
