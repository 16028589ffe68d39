// The scenario type and the runner that plays every scenario in one browser: one launch per
// suite, a fresh set of tabs and default settings per scenario, and no page errors anywhere.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { expectNoPageErrors } from './checks';
import type { ExtensionBrowser, LaunchExtensionBrowser, TestPage } from './drivers/types';
import { startFixtureServer, type FixtureServer, type UrlOptions } from './server';

export interface ScenarioContext {
  browser: ExtensionBrowser;
  server: FixtureServer;
  /** Opens a fixture page (path under tests/fixtures/pages) or any absolute URL in a new tab. */
  open(page: string, options?: UrlOptions): Promise<TestPage>;
  /** Opens the popup acting for `page`'s tab. */
  popup(page: TestPage): Promise<TestPage>;
  /** Where to save an artifact (screenshots): test-results/e2e/<browser>/<name>. */
  artifact(name: string): string;
}

export interface Scenario {
  name: string;
  /** Issue the scenario comes from, for the report. */
  issue: number;
  timeoutMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

/** The built extension to test: .output/<target>, or $PARADEDUP_E2E_OUTPUT/<target> for an isolated build. */
export function builtExtension(target: string): string {
  return path.join(process.env.PARADEDUP_E2E_OUTPUT ?? path.join(REPO_ROOT, '.output'), target);
}

export function runScenarios(label: string, launch: LaunchExtensionBrowser, extensionDir: string, scenarios: Scenario[]) {
  describe(label, () => {
    let browser: ExtensionBrowser | undefined;
    let server: FixtureServer | undefined;
    // A browser that cannot start fails every scenario with the reason (how to install or build),
    // rather than failing the hook and leaving the scenarios reported as skipped.
    let startError: unknown;
    const artifacts = path.join(ARTIFACTS_DIR, label);

    beforeAll(async () => {
      try {
        mkdirSync(artifacts, { recursive: true });
        server = await startFixtureServer();
        browser = await launch({ extensionDir });
      } catch (error) {
        startError = error;
      }
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });
    beforeEach(async () => {
      await browser?.resetExtensionStorage();
    });

    for (const scenario of scenarios) {
      it(`#${scenario.issue} ${scenario.name}`, { timeout: scenario.timeoutMs ?? 60_000 }, async () => {
        if (startError !== undefined) throw startError;
        if (!browser || !server) throw new Error(`${label} did not start`);
        const opened: TestPage[] = [];
        const b = browser;
        const s = server;
        const track = (page: TestPage) => {
          opened.push(page);
          return page;
        };
        const ctx: ScenarioContext = {
          browser: b,
          server: s,
          open: async (page, options) => track(await b.openPage(/^[a-z]+:/.test(page) ? page : s.url(page, options))),
          popup: async (page) => track(await b.openPopup(page)),
          artifact: (name) => path.join(artifacts, name),
        };
        try {
          await scenario.run(ctx);
        } finally {
          // Also when the scenario failed: a page error is often the reason.
          expectNoPageErrors(opened);
          for (const page of opened) await page.close().catch(() => {});
        }
      });
    }
  });
}
