import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { formatMoney } from '../../../../shared/text/money';
import { modelFacts } from '../../commands/models';
import { durationWords, imageWords, parameterLines, priceWords, shapeWords } from '../../model-words';
import { answer, guarded } from '../mcp-answer';
import type { McpSession } from '../mcp-session';
import { ESTIMATE_SHAPE, requestFor } from './video-request';
import { modelNamed } from './model-named';

/** `list_models`, `describe_model` and `estimate_cost`: free, read-only, nothing is sent to be billed. */
export function registerModelTools(server: McpServer, session: McpSession): void {
  const { redact } = session;
  server.registerTool(
    'list_models',
    {
      title: 'List video models',
      description:
        'Lists the video models Reelbench can generate with through APIMart: id, name, lengths, shapes, resolutions, image inputs and price per second. Free; nothing is billed. Use an id from here in the other tools.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guarded(redact, async () => {
        const catalog = (await session.context.models()).current();
        const models = catalog.models.filter((model) => model.state !== 'unavailable').map(modelFacts);
        const lines = models.map(
          (model) =>
            `${model.id} (${model.label}): ${model.price.perSecond === null ? 'price unknown' : `${formatMoney(model.price.perSecond)}/s`}`,
        );
        return answer(redact, `${models.length} models:\n${lines.join('\n')}`, { models });
      }),
  );

  server.registerTool(
    'describe_model',
    {
      title: 'Describe a video model',
      description:
        "One model's parameters (names, allowed values, defaults), its image slots (first frame, last frame, references) and its price. Free. Read this before generate_video to choose valid values.",
      inputSchema: { model: z.string().min(1).max(200).describe('A model id from list_models') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ model: id }) =>
      guarded(redact, async () => {
        const model = await modelNamed(session, id);
        const text = [
          `${model.id} — ${model.label}${model.description ? `: ${model.description}` : ''}`,
          `Duration ${durationWords(model)}; shapes ${shapeWords(model)}; images: ${imageWords(model)}; price: ${priceWords(model)}.`,
          'Parameters:',
          ...parameterLines(model),
        ].join('\n');
        return answer(redact, text, {
          model: { ...modelFacts(model), description: model.description, params: model.params, inputs: model.images },
        });
      }),
  );

  server.registerTool(
    'estimate_cost',
    {
      title: 'Estimate what a video costs',
      description:
        'What generate_video would cost for these settings, checked against the model (an invalid value is refused with what the model accepts). Free; nothing is sent.',
      inputSchema: ESTIMATE_SHAPE,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(redact, async () => {
        const request = await requestFor(session, { ...input, prompt: input.prompt ?? 'estimate' });
        const { cost, seconds, perSecond } = request;
        const text =
          cost === null
            ? `${seconds ?? '?'} s on ${request.model.id}: its price is not known (the user can set it: reelbench config set price.${request.model.id} P).`
            : `${seconds} s on ${request.model.id} at ${formatMoney(perSecond ?? 0)}/s: about ${formatMoney(cost)}. This session has spent ${formatMoney(session.guard.spent())} of ${formatMoney(session.guard.ceiling)}.`;
        return answer(redact, text, {
          model: request.model.id,
          seconds,
          pricePerSecond: perSecond,
          cost,
          params: request.params,
          spent: session.guard.spent(),
          ceiling: session.guard.ceiling,
        });
      }),
  );
}
