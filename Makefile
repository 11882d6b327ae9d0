# kring - build, test, run.  `make run` and `make test` are the two commands
# the README promises; both install missing Debian packages first (as root).
#
#   make            build build/kring and build/libkring.a
#   make test       unit tests, CLI tests, then the same under ASan+UBSan
#   make run        demo database with the example cases, then the main job
#   make bench      benchmarks (see BENCHMARKS.md)

CC      ?= cc
PKGS    := sqlite3 jansson igraph librsvg-2.0 cairo xlsxwriter libsodium libmicrohttpd libzstd
DEBS    := build-essential pkg-config sqlite3 libsqlite3-dev libjansson-dev libcmocka-dev \
           libigraph-dev librsvg2-dev libcairo2-dev libxlsxwriter-dev libsodium-dev libmicrohttpd-dev \
           libzxcvbn-dev libzstd-dev fonts-dejavu-core python3
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-format-truncation
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib $(PKG_CFLAGS)
# libzxcvbn (password strength) ships no pkg-config file: linked by name.
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lzxcvbn -lm

B       ?= build
LIB_SRC := $(wildcard lib/*.c)
CLI_SRC := $(wildcard cli/*.c)
SRV_SRC := $(wildcard server/*.c)
SQL     := $(sort $(wildcard lib/sql/*.sql))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/schema_sql.o
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o) $(SRV_SRC:%.c=$(B)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# Suites: TEST_TARGETS run twice (plain, then under ASan+UBSan), TEST_ONCE
# once at the end (fuzz smoke run, browser tests).  The fragments below add
# their own targets, Debian packages (DEBS +=) and suites.
TEST_TARGETS := unit clitest
TEST_ONCE    :=

.PHONY: all deps test unit clitest asan run bench clean check-style fuzz
all: $(B)/kring

# Missing Debian packages are installed when we are root; otherwise we say
# which ones are missing and go on (the build then tells what breaks).
# Node.js, npm and nginx count as present when their commands are (a
# machine may carry them from outside Debian, or another nginx flavour, and
# installing Debian's package then conflicts).
deps:
	@missing=""; for p in $(DEBS); do \
	  case $$p in nodejs) command -v node >/dev/null && continue;; \
	              npm) command -v npm >/dev/null && continue;; \
	              nginx-light) [ -x /usr/sbin/nginx ] && continue;; esac; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages (run as root or install them):$$missing"; fi; \
	fi

# Header dependencies come from the compiler (-MMD -MP): touching a header
# rebuilds only the objects that include it.
$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/gen/schema_sql.c: $(SQL) tools/embed_sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed_sql.sh $(SQL) > $@

$(B)/gen/schema_sql.o: $(B)/gen/schema_sql.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libkring.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/kring: $(CLI_OBJ) $(B)/libkring.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libkring.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libkring.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Wno-missing-prototypes -o $@ $< $(B)/libkring.a $(LDLIBS) -lcmocka

BENCH_BIN := $(patsubst bench/%.c,$(B)/%,$(wildcard bench/bench_*.c))
$(B)/bench_%: bench/bench_%.c $(B)/libkring.a
	$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(B)/libkring.a $(LDLIBS)

unit: $(UNIT_BIN) $(B)/kring
	@sh tests/run_unit.sh $(B) $(UNIT_BIN)

clitest: $(B)/kring
	@sh tests/cli/run.sh $(B)/kring
	@sh tests/cli/report.sh $(B)/kring

check-style:
	@sh tools/checksrc.sh

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" $(TEST_TARGETS)

test: deps
	@$(MAKE) --no-print-directory check-style all $(TEST_TARGETS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory asan
	@$(if $(strip $(TEST_ONCE)),$(MAKE) --no-print-directory $(TEST_ONCE),true)

run: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(B)/kring

# Benchmarks compare with other tools in the same run (see BENCHMARKS.md).
# the size of the database bench/backup.sh backs up under writes (GB)
BACKUP_GB ?= 2

bench: deps
	@$(MAKE) --no-print-directory DEBS="graphviz wrk nginx-light curl bc" deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh bench/run.sh $(B)/kring
	@sh bench/render.sh $(B)
	@$(B)/bench_case_edit
	@sh bench/http.sh $(B)/kring
	@sh bench/report.sh $(B)
	@sh bench/storage.sh $(B)/kring
	@sh bench/backup.sh $(B)/kring $(B)/kring $(BACKUP_GB)
	@$(MAKE) --no-print-directory e2e-deps
	@KRING_BIN=$(abspath $(B)/kring) KRING_ROOT=$(CURDIR) node bench/pageload.mjs

clean:
	rm -rf build

-include $(wildcard $(B)/lib/*.d $(B)/cli/*.d $(B)/server/*.d $(B)/tests/*.d \
                    $(B)/tests/server/*.d $(B)/tests/reliability/*.d $(B)/*.d)
-include tests/server/server.mk tests/reliability/reliability.mk tests/fuzz/fuzz.mk tests/e2e/e2e.mk
