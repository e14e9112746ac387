import packageJson from '../../package.json' with { type: 'json' };

export const CONSOLE_VERSION: string = packageJson.version;
