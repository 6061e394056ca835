import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { presiteContract as c } from '@ycta/shared';
import { bind, type Mounted } from '../../lib/contract-router';
import { AppError } from '../../lib/app-error';
import { currentLayerInfo, importLayer } from './places.service';
import { listRuleSets, publishRuleSet } from './presite-rules.service';
import { adviceForLetter, createPresite, getPresite, issueAdvice, listPresite, requestFor, reviewRule } from './presite.service';
import { presiteFigures } from './presite.figures';
import { presiteCallCase, startPresiteLook } from './presite.calls';
import { registerCallCase } from '../inspections/inspections.calls';
import { renderAdviceLetter } from './presite.letter';
import { addSitePhoto, registerSitePhotoAccess } from './presite.photos';

/** A layer file is read whole (it is checked whole before anything is stored), up to this size. */
const maxLayerBytes = 20 * 1024 * 1024;

async function readText(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxLayerBytes) throw new AppError('REQUEST.TOO_LARGE', { message: '图层文件超过 20 MB，请分区导入' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function presiteRoutes(deps: { config: Config; logger: Logger }): Mounted[] {
  registerCallCase('presite', presiteCallCase);
  registerSitePhotoAccess();
  const photoDeps = { limits: deps.config.media, logger: deps.logger };
  return [
    bind(c.listPresiteRules, async () => ({ items: await listRuleSets() })),
    bind(c.publishPresiteRules, ({ user, params, body }) => publishRuleSet(user, params.code, body)),
    bind(c.getPlaceLayer, async () => ({ layer: await currentLayerInfo() })),
    bind(c.importPlaceLayer, async ({ user, query }, ctx) =>
      importLayer({ format: query.format, label: query.label, text: await readText(ctx) }, user.username)),
    bind(c.createPresite, ({ user, body }) => createPresite(user, body)),
    bind(c.listPresite, async ({ user, query }) => ({ items: await listPresite(user, query.status) })),
    bind(c.getPresite, ({ user, params }) => getPresite(user, params.id)),
    bind(c.reviewPresiteRule, ({ user, params, body }) => reviewRule(user, params.id, params.ruleId, body)),
    bind(c.issuePresiteAdvice, ({ user, params, body }) => issueAdvice(user, params.id, body.note)),
    bind(c.startPresiteLook, async ({ user, params }) => {
      await startPresiteLook(user, await requestFor(user, params.id));
      return getPresite(user, params.id);
    }),
    bind(c.uploadPresitePhoto, ({ user, params }, ctx) => addSitePhoto(user, params.id, ctx.req as IncomingMessage, photoDeps)),
    bind(c.presiteLetter, async ({ user, params }, ctx) => {
      const { request, advice } = await adviceForLetter(user, params.id);
      ctx.type = 'application/pdf';
      ctx.attachment(`预选址意见书-${params.id.slice(-6)}.pdf`);
      ctx.body = await renderAdviceLetter(request, advice);
    }),
    bind(c.presiteFigures, () => presiteFigures()),
  ];
}
