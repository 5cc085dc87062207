import { prepareDatabase } from '../bootstrap.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { CliError } from './cli-output.ts';

export async function auditCommand(argv: string[], databaseUrl: string): Promise<number> {
  if (argv[0] !== 'verify') throw new CliError('用法: duban audit verify', 2);
  const prepared = await prepareDatabase(databaseUrl);
  try {
    const result = await verifyAuditChain(prepared.handle.db);
    if (result.ok) {
      console.log(`审计链完整：已核验 ${result.checked} 条事件。`);
      return 0;
    }
    process.stderr.write(`审计链被破坏：第一条有问题的事件 id=${result.firstBadId}，${result.reason}\n`);
    return 3;
  } finally {
    await prepared.handle.close();
  }
}
