/**
 * Verifies an exported inspection record bundle with no database:
 *   npx tsx --conditions=@ycta/source scripts/verify-bundle.ts <bundle.tar>   (or `npm run verify-bundle -- <bundle.tar>`)
 * Reads `-` as standard input. Exits 0 when every hash holds, 1 when anything does not (each problem is listed),
 * 2 when it cannot be run as asked.
 */
import { createReadStream, existsSync } from 'node:fs';
import { verifyBundle } from '../bff/src/modules/ledger/ledger.bundle-verify';

async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path || process.argv.length > 3) {
    console.error('用法：verify-bundle <记录包.tar>   （- 表示从标准输入读取）');
    return 2;
  }
  if (path !== '-' && !existsSync(path)) {
    console.error(`找不到文件：${path}`);
    return 2;
  }
  const result = await verifyBundle(path === '-' ? process.stdin : createReadStream(path));
  if (result.ok) {
    console.log(`记录包校验通过：踏勘 ${result.inspectionId}，${result.events} 个事件，${result.media} 个媒体文件，链头哈希 ${result.headHash}`);
    return 0;
  }
  console.error(`记录包校验未通过（${result.problems.length} 处问题）：`);
  for (const problem of result.problems) console.error(`  - ${problem}`);
  return 1;
}

main().then((code) => { process.exitCode = code; }, (err: Error) => { console.error(`校验失败：${err.message}`); process.exitCode = 2; });
