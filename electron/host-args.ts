/**
 * Which command-line arguments of the desktop app belong to the host. Electron's own argv also
 * carries Chromium switches (an AppImage adds --no-sandbox, users add --enable-logging ...), and
 * the host's parser refuses any flag it does not know, so only the host's flags are passed on.
 * Keep these lists in step with electron/host/config/parse-args.ts.
 */
export const HOST_VALUE_FLAGS: ReadonlyArray<string> = [
  '--data-dir',
  '--mqtt-url',
  '--port',
  '--host',
  '--demo-devices',
  '--demo-period',
  '--language',
];
export const HOST_SWITCHES: ReadonlyArray<string> = ['--no-demo', '--demo', '--kiosk'];

/** `userArgs` are the arguments after the executable (and, unpackaged, after the app path). */
export function hostArgs(userArgs: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < userArgs.length; i += 1) {
    const arg = userArgs[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (HOST_SWITCHES.includes(arg)) {
      out.push(arg);
    } else if (HOST_VALUE_FLAGS.includes(name)) {
      if (eq !== -1) {
        out.push(arg);
      } else {
        const value = userArgs[i + 1];
        if (value !== undefined && !value.startsWith('--')) {
          out.push(arg, value);
          i += 1;
        }
      }
    }
  }
  return out;
}

/** The user's arguments: Electron puts the app path after the executable when not packaged. */
export function userArgs(argv: ReadonlyArray<string>, packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2);
}
