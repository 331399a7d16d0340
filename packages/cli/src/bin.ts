import { packageName } from './index';

process.stdout.write(`${packageName}: not built yet\n`);
