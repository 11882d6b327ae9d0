# server.mk - the suites of `kring serve` (tests/server/), included by the
# Makefile.  Each tests/server/test_*.c is a program that starts
# $(B)/kring serve on a free 127.0.0.1 port against a fresh database and
# talks HTTP to it with the small socket client of client.c; servertest runs
# them all (plainly, and again under ASan+UBSan with B=build/asan).

SERVER_TESTS := $(patsubst tests/server/%.c,$(B)/tests/server/%,$(wildcard tests/server/test_*.c))

$(B)/tests/server/%: tests/server/%.c tests/server/client.c tests/server/client.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -MMD -MP -Wno-missing-prototypes -o $@ $< tests/server/client.c \
	  $(LDLIBS) -lpthread

servertest: $(B)/kring $(SERVER_TESTS)
	@sh tests/server/run.sh $(B)/kring $(SERVER_TESTS)
	@sh tests/server/tls.sh $(B)/kring

DEBS += openssl curl
TEST_TARGETS += servertest
.PHONY: servertest
