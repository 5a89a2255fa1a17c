import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The plugin in a real WordPress (Debian's packages): scripts/test.sh starts the site
// (scripts/wordpress-site.sh) and passes its folder as CANDIDACY_WORDPRESS_SITE; the tests read
// site.json there (its URL and users). One worker: the tests install, configure, update and
// deactivate one plugin in order.
export default defineConfig({
  ...base,
  testDir: "./wordpress",
  globalSetup: undefined,
  webServer: undefined,
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  use: { ...base.use, baseURL: undefined },
});
