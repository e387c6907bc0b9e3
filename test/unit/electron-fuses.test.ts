import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// electron-builder's own loader and schema read electron-builder.yml; nothing is packaged and the fuses
// are not flipped here (Electron not run here)
describe('packaging: Electron fuses in electron-builder.yml (Electron not run here)', () => {
  it('is a valid electron-builder configuration that turns off run-as-node, NODE_OPTIONS and --inspect, and loads the app only from a checked app.asar', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // the integrity fuse checks a hash electron-builder embeds only when the app is an asar
    expect(config.asar).not.toBe(false);
  });
});
