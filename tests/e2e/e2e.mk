# tests/e2e/e2e.mk - the browser suite (issue 5): npm playwright-core drives
# Debian's chromium (headless) against `kring serve` on a free 127.0.0.1
# port with a fresh database holding the example cases and test accounts:
# run.mjs (the whole UI), then ecogram.mjs (the ecogram drawn and edited
# from the library's geometry), dashboard.mjs, and the files of a whole
# working day (issue 11): session.mjs (an expired session loses nothing;
# make run keeps its database), share.mjs (the Delen tab, scopes, nothing
# for professionals only in a link, the family's view, the inbox),
# a11y.mjs (axe-core on every page; focus and dialogs), tablet.mjs (every
# page at 1024x768 and 390x844; the ecogram's zoom and list), families.mjs
# and familyplan.mjs (the family plan of siblings, access per case), asof.mjs
# (the case judged on another day; the first year on the overview; the
# parents' permission in the plan), one file after the other.
# Included at the end of the Makefile; `make e2e` runs it alone, `make test`
# runs it once after the sanitizer pass.  KRING_SCREENSHOTS=1 also writes
# docs/screenshots/*.png.  No browser is ever downloaded.
#
# npm: a Node.js that brings its own npm (NodeSource, as on the project's
# machines) conflicts with Debian's npm package, so that package is only
# asked for when there is no npm command.

DEBS      += chromium nodejs $(if $(shell command -v npm 2>/dev/null),,npm)
TEST_ONCE += e2e

.PHONY: e2e e2e-deps
e2e-deps:
	@cd tests/e2e && if [ ! -f node_modules/playwright-core/package.json ] || \
	  [ ! -f node_modules/axe-core/axe.min.js ]; then \
	  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; \
	  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	  else npm install --no-audit --no-fund --loglevel=error; fi; \
	fi

e2e: $(B)/kring e2e-deps
	@PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 KRING_BIN=$(abspath $(B)/kring) KRING_ROOT=$(CURDIR) \
	  node --test --test-concurrency=1 tests/e2e/run.mjs tests/e2e/ecogram.mjs tests/e2e/dashboard.mjs \
	  tests/e2e/casework.mjs tests/e2e/process.mjs \
	  tests/e2e/families.mjs tests/e2e/familyplan.mjs tests/e2e/asof.mjs \
	  tests/e2e/session.mjs tests/e2e/share.mjs tests/e2e/a11y.mjs tests/e2e/tablet.mjs
