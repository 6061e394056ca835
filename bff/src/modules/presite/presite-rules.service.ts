import { defaultPresiteRules, type PresiteRule, type PresiteRuleSet } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { getMatter, listMatters } from '../matters/matters.service';
import { PresiteRuleSetModel, type PresiteRuleSetDoc } from './presite.model';

/** 预选址 rule sets per matter: versions appended by admins, the newest one applies; each request keeps the version it used. */

export async function currentRuleSet(matterCode: string): Promise<PresiteRuleSetDoc | null> {
  return PresiteRuleSetModel.findOne({ matterCode }).sort({ version: -1 }).lean<PresiteRuleSetDoc>();
}

const toView = (doc: PresiteRuleSetDoc, matterName: string): PresiteRuleSet => ({
  matterCode: doc.matterCode, matterName, version: doc.version, rules: doc.rules, note: doc.note,
  publishedBy: doc.publishedBy, publishedAt: doc.publishedAt.toISOString(),
});

export async function listRuleSets(): Promise<PresiteRuleSet[]> {
  const sets: PresiteRuleSet[] = [];
  for (const matter of await listMatters()) {
    const doc = await currentRuleSet(matter.code);
    if (doc) sets.push(toView(doc, matter.name));
  }
  return sets;
}

async function insertVersion(matterCode: string, rules: PresiteRule[], note: string, publishedBy: string): Promise<PresiteRuleSetDoc> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const version = ((await currentRuleSet(matterCode))?.version ?? 0) + 1;
    try {
      const doc = await PresiteRuleSetModel.create({ _id: `${matterCode}:${version}`, matterCode, version, rules, note, publishedBy, publishedAt: new Date() });
      return doc.toObject() as PresiteRuleSetDoc;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another admin published this version first: take the next
    }
  }
  throw new AppError('LEDGER.APPEND_CONTENDED', { message: '规则发布繁忙，请稍后重试' });
}

/** An admin publishes a new version of a matter's rules; earlier versions stay as they were. */
export async function publishRuleSet(user: AuthUser, matterCode: string, body: { rules: PresiteRule[]; note: string }): Promise<PresiteRuleSet> {
  const matter = await getMatter(matterCode);
  return toView(await insertVersion(matterCode, body.rules, body.note, user.username), matter.name);
}

/** Seeds version 1 of every matter's default rules where the matter has none yet. */
export async function seedPresiteRules(): Promise<number> {
  let created = 0;
  for (const [matterCode, rules] of Object.entries(defaultPresiteRules)) {
    if (await currentRuleSet(matterCode)) continue;
    await insertVersion(matterCode, rules, '默认规则（依据见各条引用）', 'system');
    created += 1;
  }
  return created;
}
