# huikan - build, test, demo and benchmarks.
#
#   make               build build/huikan (CFLAGS, CPPFLAGS, LDFLAGS, LDLIBS honoured)
#   make demo          install missing Debian deps (as root), build, run the demo county
#                      (in Chinese with HUIKAN_LANG=zh or a zh locale: docs/i18n.md)
#   make check         build (also with ASan+UBSan, warnings as errors) and run every test
#   make bench         run the benchmarks and print measured numbers
#   make install PREFIX=DIR   DIR/bin/huikan and DIR/share/huikan/{plugins,audits,data}
#                             (DESTDIR is prepended for staging; BIN=FILE installs another build)
#   make fuzz          fuzz the importer for FUZZ_SECONDS (default 600; clang, libFuzzer)
#   make po            add the texts new in the sources to po/<lang>.po (docs/i18n.md)
#
# Dependencies are found with pkg-config (see scripts/packages.txt).

PKGS      := lua5.4 sqlite3 libgit2 xlsxwriter libseccomp libzip expat freexl libsodium
CC        ?= cc
CFLAGS    ?= -O2 -g
STD       := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter
# Warnings are errors in the developer builds (make asan, make check), not in a
# user's plain `make`, where another compiler version may warn about more.
WERROR    := -Werror
PREFIX    ?= /usr/local
BIN       ?= build/huikan
# What the binary looks up at run time under PREFIX/share/huikan (see
# hk_cli_home_subdir in host/cli/cli.c).
SHARE_DIRS := plugins audits data
# Recursive (=) so that pkg-config runs only when a compile needs it, after
# `make deps` has had a chance to install the packages.
DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS))
DEP_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm -lpthread
SAN       := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# `make V=1` shows the full compiler command lines.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2)
endif
JOBS      := -j$(shell nproc 2>/dev/null || echo 2)

# host/<layer>/<file>.c: base, registry, engine, ledger, report, cli (docs/architecture.md).
SRCS      := $(wildcard host/*/*.c)
LIB_SRCS  := $(filter-out host/cli/main.c,$(SRCS))
OBJS      := $(SRCS:host/%.c=build/obj/%.o)
ASAN_OBJS := $(SRCS:host/%.c=build/asan/obj/%.o)
ASAN_LIB  := $(LIB_SRCS:host/%.c=build/asan/obj/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)

.PHONY: all check demo bench deps clean asan install fuzz po
.DEFAULT_GOAL := all

all: build/huikan

build/huikan: $(OBJS)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(DEP_LIBS) $(LDLIBS)

build/obj/%.o: host/%.c
	$(call say,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(STD) -Ihost -Ibuild/gen $(CPPFLAGS) $(CFLAGS) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

asan: build/asan/huikan $(UNIT_BINS) build/asan/gen_xlsx build/asan/tools/noseccomp

# tests/tools/noseccomp: runs a command as on a kernel without seccomp
# (tests/cli/hostile_noseccomp.sh).
build/asan/tools/noseccomp: tests/tools/noseccomp.c
	$(call say,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(STD) $(WERROR) -O1 -g $(shell pkg-config --cflags libseccomp) $(CPPFLAGS) $(LDFLAGS) \
		-o $@ $< $(shell pkg-config --libs libseccomp) $(LDLIBS)

build/gen_xlsx: tests/excel/gen_xlsx.c $(filter-out build/obj/cli/main.o,$(OBJS))
	$(call say,CC,$@)
	$(Q)$(CC) $(STD) -Ihost $(CPPFLAGS) $(CFLAGS) $(DEP_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LDLIBS)

# bench/ledger_steps: many real step commits in one process (bench/ledger_verify.sh).
build/ledger_steps: bench/ledger_steps.c $(filter-out build/obj/cli/main.o,$(OBJS))
	$(call say,CC,$@)
	$(Q)$(CC) $(STD) -Ihost $(CPPFLAGS) $(CFLAGS) $(DEP_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LDLIBS)

# tests/excel/gen_xlsx: writes test workbooks with libxlsxwriter (tests/cli/excel_*.sh, bench/xlsx.sh).
build/asan/gen_xlsx: tests/excel/gen_xlsx.c $(ASAN_LIB)
	$(call say,CC-SAN,$@)
	$(Q)$(CC) $(STD) $(WERROR) -O1 -g $(SAN) $(DEP_CFLAGS) -Ihost $(CPPFLAGS) $(LDFLAGS) \
		-o $@ $< $(ASAN_LIB) $(DEP_LIBS) $(LDLIBS)

build/asan/huikan: $(ASAN_OBJS)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -g $(LDFLAGS) -o $@ $(ASAN_OBJS) $(DEP_LIBS) $(LDLIBS)

build/asan/obj/%.o: host/%.c
	$(call say,CC-SAN,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(STD) $(WERROR) -Ihost -Ibuild/gen $(CPPFLAGS) -O1 -g $(SAN) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/tests/%: tests/unit/%.c $(ASAN_LIB) tests/unit/test.h | build/asan/tests
	$(call say,TEST,$@)
	$(Q)$(CC) $(STD) $(WERROR) -O1 -g $(SAN) $(DEP_CFLAGS) -Ihost $(CPPFLAGS) -DHK_SRCDIR='"$(CURDIR)"' $(LDFLAGS) \
		-o $@ $< $(ASAN_LIB) $(DEP_LIBS) $(LDLIBS)

build/asan/tests:
	mkdir -p $@

# The translations: po/<lang>.po compiled into the binary (docs/i18n.md).
PO_FILES  := $(wildcard po/*.po)
build/gen/base/i18n_catalogs.inc: $(PO_FILES) scripts/po2c.awk
	$(call say,PO2C,$@)
	@mkdir -p $(@D)
	$(Q)awk -f scripts/po2c.awk $(PO_FILES) > $@.tmp && mv $@.tmp $@
build/obj/base/i18n.o build/asan/obj/base/i18n.o: build/gen/base/i18n_catalogs.inc

# `make po`: extracts every text marked _(), N_(), hk_tr(), hk_ntr() from the
# sources (build/po/huikan.pot) and merges new ones into each po/<lang>.po,
# untranslated, for the translator (GNU gettext's xgettext and msgmerge).
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C -k_ -kN_ -khk_tr -khk_ntr:1,2 -khk_error_set:1 -khk_error_setc:2 -khk_error_prefix:1 -khk_cli_usage_error:2 -khk_ledger_git_error:2 -kreport:2 -kwarn:2 -kbad:2 -kskip:3 \
		--add-comments=TRANSLATORS: --no-location --sort-output --package-name=huikan
po:
	@mkdir -p build/po
	xgettext $(XGETTEXT_FLAGS) -o build/po/huikan.pot.tmp $(sort $(SRCS) $(wildcard host/*/*.h))
	@grep -v '^"POT-Creation-Date:' build/po/huikan.pot.tmp > build/po/huikan.pot
	@for f in $(PO_FILES); do msgmerge --quiet --update --backup=none --no-fuzzy-matching \
		--no-location --sort-output "$$f" build/po/huikan.pot || exit 1; done

# The importer's fuzz target (tests/fuzz/): libFuzzer needs clang. A bounded
# run is part of `make check` (tests/cli/fuzz_import.sh); `make fuzz` runs
# longer and keeps its corpus in build/fuzz/work/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_SRCS    := $(wildcard host/base/*.c host/registry/*.c)
FUZZ_FLAGS   := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter -O1 -g \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

build/fuzz/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_SRCS) $(wildcard host/base/*.h host/registry/*.h) build/gen/base/i18n_catalogs.inc
	$(call say,FUZZ,$@)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -Ihost -Ibuild/gen $(shell pkg-config --cflags sqlite3 libzip expat freexl libsodium) -o $@ \
		tests/fuzz/fuzz_import.c $(FUZZ_SRCS) $(shell pkg-config --libs sqlite3 libzip expat freexl libsodium) -lm

fuzz: deps build/fuzz/fuzz_import
	tests/fuzz/run.sh build/fuzz/fuzz_import $(FUZZ_SECONDS) build/fuzz/work

deps:
	@scripts/deps.sh

check: deps
	$(MAKE) $(JOBS) asan
	tests/run.sh build/asan/huikan

demo: deps
	$(MAKE) $(JOBS) build/huikan build/gen_xlsx
	scripts/demo.sh build/huikan

# Every bench/*.sh (bench/run.sh). Size knobs from the environment, e.g.
# `make bench PROVINCE_HOUSEHOLDS=19889` (households per county of the
# province slice, bench/province.sh; default 10000), PACK_BENCH_BIG=0,
# SLICE_HOUSEHOLDS=0 (skips the 10-million-person slice, bench/province_slice.sh).
bench: deps
	$(MAKE) $(JOBS) build/huikan build/gen_xlsx build/ledger_steps
	bench/run.sh build/huikan

# Copies BIN (build/huikan unless given, e.g. BIN=build/asan/huikan) and the
# directories the binary reads at run time. The installed binary finds them
# relative to itself (<bindir>/../share/huikan), so the tree can be moved.
install: $(BIN)
	$(call say,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/huikan"
	$(Q)install -m 755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/huikan"
	$(Q)cp -R $(SHARE_DIRS) "$(DESTDIR)$(PREFIX)/share/huikan/"

clean:
	rm -rf build

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
