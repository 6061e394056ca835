/**
 * `npm run verify-ledger`: recomputes every inspection's record and the office-wide chain in MONGODB_URI, or in the
 * embedded database under DATA_DIR. Progress on stderr, a summary on stdout; exits 1 on any broken link.
 */
import { withOfficeDatabase } from './office-db';
import { verifyOfficeChain, type VerifyProgress } from '../bff/src/modules/ledger/ledger.verify';

const phaseLabels: Record<VerifyProgress['phase'], string> = { office: '全局链', events: '事件', inspections: '踏勘' };

let lastLine = '';

function progressBar({ phase, done, total }: VerifyProgress): void {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const line = `${phaseLabels[phase].padEnd(4, '　')} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (line === lastLine) return;
  lastLine = line;
  // a redrawn bar on a terminal; one line per finished phase in a log
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
  else if (done === total) process.stderr.write(`${line}\n`);
}

function main(): Promise<number> {
  return withOfficeDatabase(async () => {
    const started = Date.now();
    const result = await verifyOfficeChain({ onProgress: progressBar });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`全局链：${result.length} 环，链头哈希 ${result.headHash}${result.firstBroken ? `，断开：${result.firstBroken.reason}` : '，完好'}`);
    console.log(`踏勘：${result.inspections} 个，事件 ${result.events} 个，用时 ${seconds} 秒`);
    for (const broken of result.brokenInspections) {
      console.log(`  踏勘 ${broken.inspectionId}：${broken.firstBroken.reason}${broken.firstBroken.eventId ? `（事件 ${broken.firstBroken.eventId}）` : ''}`);
    }
    console.log(result.ok ? '结论：所有记录完好。' : `结论：发现 ${result.brokenInspections.length + (result.firstBroken ? 1 : 0)} 处断链。`);
    return result.ok ? 0 : 1;
  });
}

main().then((code) => { process.exitCode = code; }, (err: Error) => { console.error(`[verify-ledger] ${err.message}`); process.exitCode = 2; });
