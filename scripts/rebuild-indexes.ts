/**
 * `npm run rebuild-indexes`: fills the documents the hot reads use instead of scanning (the review desk's lists, the
 * inspectors' queue lists, the office figures' running totals) from the inspections themselves, in MONGODB_URI or
 * in the embedded database under DATA_DIR. They are derived data: the rebuild only adds what is missing (an
 * inspection concluded or assigned while a BFF was down, data restored from a backup), never rewrites or removes,
 * and is safe while the BFF serves. The BFF also builds each of them once on a database that has none.
 */
import { withOfficeDatabase } from './office-db';
import { rebuildFeed } from '../bff/src/modules/inspections/inspections.feed';
import { rebuildQueues, shanghaiToday } from '../bff/src/modules/inspections/inspections.queues';
import { liveTotals } from '../bff/src/modules/stats/stats.figures';

function main(): Promise<number> {
  return withOfficeDatabase(async () => {
    const started = Date.now();
    await rebuildFeed();
    // the queue's tabs show inspections from the start of today (Asia/Shanghai) on
    const queued = await rebuildQueues(shanghaiToday(new Date()).start);
    const totals = await liveTotals({});
    const concluded = [...totals.matters.values()].reduce((n, m) => n + m.remote + m.onsite, 0);
    console.log(`复核列表、踏勘员待办（${queued} 个踏勘）、统计累计（${concluded} 个已办结）已重建，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    return 0;
  });
}

main().then((code) => { process.exitCode = code; }, (err: Error) => { console.error(`[rebuild-indexes] ${err.message}`); process.exitCode = 2; });
