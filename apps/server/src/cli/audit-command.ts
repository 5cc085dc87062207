import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { sealAuditChain, sealFilePath, verifyAuditChain } from '../modules/audit/audit.service.ts';
import { CliError } from './cli-output.ts';

/**
 * `audit verify`: walks the keyed chain, checks the signed checkpoints and this database's seal file in DATA_DIR;
 * after a clean run it writes a new seal (so a later deletion of the whole table or its tail is caught).
 */
export async function auditCommand(argv: string[], databaseUrl: string): Promise<number> {
  if (argv[0] !== 'verify') throw new CliError('用法: duban audit verify', 2);
  const { DATA_DIR } = loadConfig();
  const prepared = await prepareDatabase(databaseUrl, DATA_DIR);
  try {
    const sealFile = sealFilePath(DATA_DIR, prepared.handle.location);
    const result = await verifyAuditChain(prepared.handle.db, { sealFile });
    if (result.ok) {
      await sealAuditChain(prepared.handle.db, sealFile);
      console.log(`审计链完整：已核验 ${result.checked} 条事件（签名检查点一致，已封存到 ${sealFile}）。`);
      return 0;
    }
    process.stderr.write(`审计链被破坏：第一条有问题的事件 id=${result.firstBadId ?? '-'}，${result.reason}\n`);
    return 3;
  } finally {
    await prepared.handle.close();
  }
}
