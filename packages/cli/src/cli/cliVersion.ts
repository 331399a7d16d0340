import { version } from '../../package.json';

/** The version of `@onecycle/cli`, from its package.json (inlined at build time). */
export const cliVersion: string = version;
