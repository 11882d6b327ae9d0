# tests/fuzz/fuzz.mk - the libFuzzer harnesses of issue 4 (included by the
# Makefile).  See tests/fuzz/README.md.
#
#   make fuzz         build build/fuzz/fuzz_case and build/fuzz/fuzz_edit
#   make fuzz-smoke   each harness ~10 s on a copy of the seed corpus (make test)
#   make fuzz-long    each harness FUZZ_LONG_TIME s (default 600) on a lasting
#                     corpus in build/fuzz/corpus/
#
# libFuzzer needs clang: the library sources are compiled again with clang,
# coverage instrumentation and ASan+UBSan into build/fuzz/ (build/libkring.a
# is gcc-built without coverage).  jansson and SQLite are not instrumented.

DEBS += clang libclang-rt-dev

FUZZ_CC      ?= clang
FUZZ_B       := build/fuzz
FUZZ_TIME    ?= 10
FUZZ_LONG_TIME ?= 600
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# -Werror stays with the gcc build: a clang-only warning in a library file
# must not stop the fuzzer.
FUZZ_CFLAGS  := $(filter-out -Werror,$(WARN)) -Wno-unknown-warning-option -O1 -g $(FUZZ_SAN) \
                -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib $(PKG_CFLAGS)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_B)/%.o) $(FUZZ_B)/gen/schema_sql.o
FUZZ_BIN     := $(FUZZ_B)/fuzz_case $(FUZZ_B)/fuzz_edit

TEST_ONCE += fuzz-smoke
.PHONY: fuzz fuzz-smoke fuzz-long

fuzz: $(FUZZ_BIN)

$(FUZZ_B)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	@echo "  CLANG $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -fsanitize=fuzzer-no-link -c $< -o $@

-include $(wildcard $(FUZZ_B)/lib/*.d)

$(FUZZ_B)/gen/schema_sql.o: $(B)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/libkring.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_B)/libkring.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DKRING_FUZZ_ROOT='"$(CURDIR)"' \
	  -o $@ $< $(FUZZ_B)/libkring.a $(LDLIBS)

fuzz-smoke: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh smoke $(FUZZ_B) $(FUZZ_TIME)

fuzz-long: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh long $(FUZZ_B) $(FUZZ_LONG_TIME)
