import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: a test tool's own browser download cannot work
 * on these machines. The flags keep Chromium from reaching for the network in the background.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Screenshots are test artifacts: kept under test-results/ (ignored by git). */
export const artifactPath = (name: string): string => {
  const dir = path.resolve(__dirname, '../../../../test-results/e2e');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
};

export const scratchDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'watchfloor-e2e-'));
