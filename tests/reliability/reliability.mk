# reliability.mk - the reliability suite (tests/reliability/), included by
# the Makefile: what a security officer would try against a deployment,
# with the machine working against kring (a full disk, a tampered file).
# Every tests/reliability/*.c is a program built with the server tests'
# client (tests/server/client.c) and run as `PROGRAM KRING` from the
# repository root; every tests/reliability/*.sh is run as `sh SCRIPT
# KRING`.  Each prints its checks and exits non-zero when one failed; a
# test that cannot run here (no root to mount a small filesystem) says so
# and passes.  `make reliability` runs them all, plainly and again under
# ASan+UBSan (B=build/asan) as part of `make test`.

REL_TESTS := $(patsubst tests/reliability/%.c,$(B)/tests/reliability/%,$(wildcard tests/reliability/*.c))
REL_SCRIPTS := $(wildcard tests/reliability/*.sh)

$(B)/tests/reliability/%: tests/reliability/%.c tests/server/client.c tests/server/client.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -MMD -MP -Wno-missing-prototypes -Itests/server -o $@ $< \
	  tests/server/client.c $(LDLIBS) -lpthread

reliability: $(B)/kring $(REL_TESTS)
	@failed=0; \
	for t in $(REL_TESTS); do \
	  timeout 900 "$$t" $(B)/kring || { echo "reliability: $$(basename $$t) FAILED"; failed=1; }; \
	done; \
	for t in $(REL_SCRIPTS); do \
	  timeout 900 sh "$$t" $(B)/kring || { echo "reliability: $$(basename $$t) FAILED"; failed=1; }; \
	done; \
	[ $$failed -eq 0 ] && echo "reliability: all passed"; exit $$failed

TEST_TARGETS += reliability
.PHONY: reliability
