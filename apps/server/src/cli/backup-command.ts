import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { backupInstallation, describeBackup, restoreInstallation, sqliteFileOf } from '../db/backup.ts';
import { openDatabase } from '../db/database.ts';
import { CliError } from './cli-output.ts';

export const BACKUP_USAGE = `用法: duban backup <目录>
  把整个安装备份到一个新的（或空的）目录：数据库的每张表（一致的快照，服务运行中也可以）+ 数据目录
  DATA_DIR（证明材料、审计密钥与封存文件、举报密钥与附件）。SQLite 与 PostgreSQL 通用，可互相恢复。`;

export const RESTORE_USAGE = `用法: duban restore <目录>
  把 backup 生成的目录恢复到 DATABASE_URL 指向的空数据库（新库先自动迁移）和 DATA_DIR。
  目标数据库必须是空的，且与备份来自同一版本（迁移一致）；恢复后可用 audit verify 核验审计链。`;

export async function backupCommand(argv: string[], databaseUrl: string): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('-'));
  if (!dir) throw new CliError(`${BACKUP_USAGE.split('\n')[0]}`, 2);
  const sqliteFile = sqliteFileOf(databaseUrl);
  if (sqliteFile && !existsSync(sqliteFile)) throw new CliError(`数据库文件 ${sqliteFile} 不存在，没有可备份的内容`);
  const { DATA_DIR } = loadConfig();
  const handle = openDatabase(databaseUrl);
  try {
    const manifest = await backupInstallation(handle, { dir, dataDir: DATA_DIR, databaseFile: sqliteFile });
    console.log(`已备份到 ${dir}: ${describeBackup(manifest)}；数据目录 ${DATA_DIR} 已复制到 ${dir}/files。`);
    return 0;
  } finally {
    await handle.close();
  }
}

export async function restoreCommand(argv: string[], databaseUrl: string): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('-'));
  if (!dir) throw new CliError(`${RESTORE_USAGE.split('\n')[0]}`, 2);
  const { DATA_DIR } = loadConfig();
  const handle = openDatabase(databaseUrl);
  try {
    const result = await restoreInstallation(handle, { dir, dataDir: DATA_DIR });
    const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
    console.log(
      `已恢复 ${Object.keys(result.tables).length} 张表、${rows} 行到 ${handle.location}，文件已复制到 ${DATA_DIR}。`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
