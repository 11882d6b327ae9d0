# reliability.mk - the reliability suite (tests/reliability/, issue 10),
# included by the Makefile.  Each tests/reliability/test_*.c is a program
# that drives `kring serve` and `kring` from the outside with the socket
# client of tests/server/client.c; each tests/reliability/*.sh a shell test
# of the command.  reliabilitytest runs them all (plainly, and again under
# ASan+UBSan with B=build/asan).  Files whose names start with audit_ belong
# to the audit trail (tamper scenarios, a full disk).  A test that cannot run
# here (no root to mount a small filesystem) fails, unless KRING_ALLOW_SKIP=1
# says the machine is known to lack the right.

# nginx_conf.sh runs the nginx configuration of docs/deploy.md
DEBS += nginx-light openssl

REL_TESTS := $(patsubst tests/reliability/%.c,$(B)/tests/reliability/%,\
               $(wildcard tests/reliability/test_*.c tests/reliability/audit_*.c))

$(B)/tests/reliability/%: tests/reliability/%.c tests/server/client.c tests/server/client.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -MMD -MP -Wno-missing-prototypes -Itests/server -o $@ $< \
	  tests/server/client.c $(LDLIBS) -lpthread

reliabilitytest: $(B)/kring $(REL_TESTS)
	@sh tests/reliability/run.sh $(B)/kring $(REL_TESTS)

TEST_TARGETS += reliabilitytest
.PHONY: reliabilitytest
