// The headless Chromium that the browser tests (test/e2e) and the client benchmark (bench/client)
// drive through playwright-core: Debian's `chromium` (playwright cannot download browsers here),
// software WebGL (SwiftShader), no GPU, no background traffic.

import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.STANCEGRAPH_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches it; a missing browser is an error that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}. Install Debian's with \`apt-get install -y chromium\` (or set STANCEGRAPH_CHROMIUM).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
