# The toolkit: gridify, caseflow, rankcity and partscore.
#
#   make          build the tools into build/
#   make check    install what is missing, build everything it runs with
#                 -Werror, run every test (also under AddressSanitizer and
#                 UndefinedBehaviorSanitizer)
#   make bench    benchmarks (throughput and peak memory beside a baseline)
#   make demo     install what is missing, build, run the demo
#   make deps     install the packages that are missing, and only those
#   make fuzz [FUZZ_SECONDS=60]   build the libFuzzer harnesses with clang
#                 (build/fuzz/) and fuzz each for that many seconds
#                 (tests/fuzz/README)
#   make install PREFIX=/usr/local [DESTDIR=...]
#
# Every source is compiled once per build into an object of its own
# (build/obj/..., and build/asan/obj/... for the sanitizer build), with
# its header dependencies recorded, so a change rebuilds what it touches.
# lib/core/ becomes libcore.a, each engine folder its own archive, and
# each tool is linked with its engine, the core and only the external
# libraries that engine uses: rankcity links no GEOS and no jansson.

VERSION  = 0.1.0
PREFIX  ?= /usr/local
CC      ?= cc
AR      ?= ar
CFLAGS  ?= -O2 -g
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# make check sets WERROR=-Werror; a plain make leaves warnings warnings.
WERROR   =

# External libraries, one variable each, for packagers to override.
CSV_CFLAGS     ?=
CSV_LIBS       ?= -lcsv
GSL_CFLAGS     ?=
GSL_LIBS       ?= -lgsl -lgslcblas
GEOS_CFLAGS    ?=
GEOS_LIBS      ?= -lgeos_c
JANSSON_CFLAGS ?=
JANSSON_LIBS   ?= -ljansson
THREAD_LIBS    ?= -lpthread
MATH_LIBS      ?= -lm

EXT_CFLAGS = $(CSV_CFLAGS) $(GSL_CFLAGS) $(GEOS_CFLAGS) $(JANSSON_CFLAGS)
XCFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -DVERSION='"$(VERSION)"' \
           -Ilib $(EXT_CFLAGS) $(WARN) $(WERROR)

TOOLS    = gridify caseflow rankcity partscore

# What each part is made of and what it links.  core: CSV (libcsv), numbers,
# times, working calendars (jansson, for holiday-cn files: linked only by
# the tools that read them), interned strings, groups, statistics (GSL:
# linked only by the tools whose engine computes statistics), charts.
CORE_SRC     = $(wildcard lib/core/*.c)
GEO_SRC      = $(wildcard lib/geo/*.c)
CASEFLOW_SRC = $(wildcard lib/caseflow/*.c)
RANKCITY_SRC = $(wildcard lib/rankcity/*.c)
PARTSCORE_SRC = $(wildcard lib/partscore/*.c)
UNIT_SRC     = $(wildcard tests/unit/*.c tests/unit/*/*.c)

CORE_LIBS     = $(CSV_LIBS) $(MATH_LIBS)
STATS_LIBS    = $(GSL_LIBS)
GEO_LIBS      = $(GEOS_LIBS) $(JANSSON_LIBS)
CASEFLOW_LIBS = $(JANSSON_LIBS) $(THREAD_LIBS) $(STATS_LIBS)
RANKCITY_LIBS = $(STATS_LIBS)
PARTSCORE_LIBS = $(JANSSON_LIBS) $(STATS_LIBS)

B  = build
SB = build/asan

all: $(TOOLS:%=$(B)/%)

# The sanitizer build is clang's when clang is here (make check installs
# it): its UBSan checks more (a zero offset added to NULL, say) than gcc's.
SAN_CC  ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))

# One set of rules per build: $(1) the folder, $(2) its compiler flags,
# $(3) its compiler.
define build_rules
$(1)/obj/%.o: %.c $(1)/.cflags
	@mkdir -p $$(@D)
	$(3) $$(XCFLAGS) $(2) -MMD -MP -c -o $$@ $$<

# The flags a build was made with; a change (say -Werror) rebuilds it.
$(1)/.cflags: FORCE
	@mkdir -p $(1)
	@echo '$$(subst ','\'',$(3) $$(XCFLAGS) $(2))' | cmp -s - $$@ || \
	  echo '$$(subst ','\'',$(3) $$(XCFLAGS) $(2))' > $$@

$(1)/libcore.a: $(CORE_SRC:%.c=$(1)/obj/%.o)
$(1)/libgeo.a: $(GEO_SRC:%.c=$(1)/obj/%.o)
$(1)/libcaseflow.a: $(CASEFLOW_SRC:%.c=$(1)/obj/%.o)
$(1)/librankcity.a: $(RANKCITY_SRC:%.c=$(1)/obj/%.o)
$(1)/libpartscore.a: $(PARTSCORE_SRC:%.c=$(1)/obj/%.o)
$(1)/%.a:
	@rm -f $$@
	$$(AR) rcs $$@ $$^

$(1)/gridify: $(1)/obj/cmd/gridify.o $(1)/obj/cmd/cli/cli.o $(1)/libgeo.a \
    $(1)/libcore.a
	$(3) $(2) -o $$@ $$^ $$(GEO_LIBS) $$(CORE_LIBS)

$(1)/caseflow: $(1)/obj/cmd/caseflow.o $(1)/obj/cmd/cli/cli.o \
    $(1)/obj/cmd/cli/cli_chart.o $(1)/libcaseflow.a $(1)/libcore.a
	$(3) $(2) -o $$@ $$^ $$(CASEFLOW_LIBS) $$(CORE_LIBS)

$(1)/rankcity: $(1)/obj/cmd/rankcity.o $(1)/obj/cmd/cli/cli.o \
    $(1)/obj/cmd/cli/cli_chart.o $(1)/librankcity.a $(1)/libcore.a
	$(3) $(2) -o $$@ $$^ $$(RANKCITY_LIBS) $$(CORE_LIBS)

$(1)/partscore: $(1)/obj/cmd/partscore.o $(1)/obj/cmd/cli/cli.o \
    $(1)/obj/cmd/cli/cli_chart.o $(1)/libpartscore.a $(1)/libcore.a
	$(3) $(2) -o $$@ $$^ $$(PARTSCORE_LIBS) $$(CORE_LIBS)

# The unit tests link every part.
$(1)/unit: $(UNIT_SRC:%.c=$(1)/obj/%.o) $(1)/libgeo.a $(1)/libcaseflow.a \
    $(1)/librankcity.a $(1)/libpartscore.a $(1)/libcore.a
	$(3) $(2) -o $$@ $$^ $$(GEO_LIBS) $$(CASEFLOW_LIBS) \
	    $$(RANKCITY_LIBS) $$(PARTSCORE_LIBS) $$(CORE_LIBS)
endef

$(eval $(call build_rules,$(B),$$(CFLAGS),$$(CC)))
$(eval $(call build_rules,$(SB),$$(SANFLAGS),$$(SAN_CC)))

# The fuzz build (tests/fuzz/README): every object built by clang with
# libFuzzer's coverage and the sanitizers, into build/fuzz/; one harness
# per reader.  The compiler is clang for everything under build/fuzz/.
FB         = build/fuzz
FUZZ_CC   ?= clang
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer \
             -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=all
FUZZ_LINK  = -fsanitize=fuzzer,address,undefined
FUZZ_HARNESSES = csv geojson wkt time rankcity caseflow partscore pip
FUZZ_BINS  = $(FUZZ_HARNESSES:%=$(FB)/fuzz_%)
FUZZ_SECONDS ?= 60
$(FB)/%: CC = $(FUZZ_CC)
$(eval $(call build_rules,$(FB),$$(FUZZ_FLAGS),$$(FUZZ_CC)))

$(FB)/fuzz_csv $(FB)/fuzz_time: $(FB)/fuzz_%: $(FB)/obj/tests/fuzz/%.o \
    $(FB)/libcore.a
	$(CC) $(FUZZ_LINK) -o $@ $^ $(CORE_LIBS)
$(FB)/fuzz_geojson $(FB)/fuzz_wkt $(FB)/fuzz_pip: $(FB)/fuzz_%: \
    $(FB)/obj/tests/fuzz/%.o $(FB)/libgeo.a $(FB)/libcore.a
	$(CC) $(FUZZ_LINK) -o $@ $^ $(GEO_LIBS) $(CORE_LIBS)
$(FB)/fuzz_rankcity: $(FB)/obj/tests/fuzz/rankcity.o $(FB)/librankcity.a \
    $(FB)/libcore.a
	$(CC) $(FUZZ_LINK) -o $@ $^ $(RANKCITY_LIBS) $(CORE_LIBS)
$(FB)/fuzz_caseflow: $(FB)/obj/tests/fuzz/caseflow.o $(FB)/libcaseflow.a \
    $(FB)/libcore.a
	$(CC) $(FUZZ_LINK) -o $@ $^ $(CASEFLOW_LIBS) $(CORE_LIBS)
$(FB)/fuzz_partscore: $(FB)/obj/tests/fuzz/partscore.o \
    $(FB)/libpartscore.a $(FB)/libcore.a
	$(CC) $(FUZZ_LINK) -o $@ $^ $(PARTSCORE_LIBS) $(CORE_LIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Benchmark data generators and helpers (tests/bench), compiled by the
# rules above: the generators use nothing of ours but tests/bench/gen.h,
# csvpass reads and writes CSV with the core.
BENCH_GEN = $(B)/gengrid $(B)/gencases $(B)/genindex $(B)/genpart $(B)/runstat
$(BENCH_GEN): $(B)/%: $(B)/obj/tests/bench/%.o
	$(CC) $(CFLAGS) -o $@ $< $(MATH_LIBS)
$(B)/csvpass: $(B)/obj/tests/bench/csvpass.o $(B)/libcore.a
	$(CC) $(CFLAGS) -o $@ $^ $(CORE_LIBS)
# fmtbench times fmt_shortest (run by hand: build/fmtbench [ROUNDS]).
$(B)/fmtbench: $(B)/obj/tests/bench/fmtbench.o $(B)/libcore.a
	$(CC) $(CFLAGS) -o $@ $^ $(CORE_LIBS)

# scripts/deps.sh checks with the same compiler and library flags.
DEPS_ENV = CC="$(CC)" EXT_CFLAGS="$(EXT_CFLAGS)" CSV_LIBS="$(CSV_LIBS)" \
    GSL_LIBS="$(GSL_LIBS)" GEOS_LIBS="$(GEOS_LIBS)" \
    JANSSON_LIBS="$(JANSSON_LIBS)"

deps:
	@$(DEPS_ENV) sh scripts/deps.sh build

# Compile with clang too when it is there: no warnings under either.
clang-check:
	@if command -v clang >/dev/null 2>&1; then \
	  echo "clang -fsyntax-only $(WARN)"; \
	  clang $(XCFLAGS) -Werror -fsyntax-only cmd/*.c cmd/cli/*.c $(CORE_SRC) \
	      $(GEO_SRC) $(CASEFLOW_SRC) $(RANKCITY_SRC) $(PARTSCORE_SRC) \
	      $(UNIT_SRC); \
	else echo "clang not installed: skipping the clang warning check"; fi

# Build the harnesses when clang links libFuzzer here; otherwise leave the
# reason in build/fuzz/skipped, which the replay in make check prints.
fuzz-build:
	@mkdir -p $(FB)
	@rm -f $(FB)/skipped
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	  echo "$(FUZZ_CC) is not installed" >$(FB)/skipped; \
	elif ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n); int LLVMFuzzerTestOneInput(const char *d, long n) { return (int)(d[0] & n & 0); }' | \
	    $(FUZZ_CC) $(FUZZ_LINK) -x c -o $(FB)/probe - >$(FB)/probe.log 2>&1; then \
	  echo "$(FUZZ_CC) cannot link -fsanitize=fuzzer (no libFuzzer): see $(FB)/probe.log" \
	      >$(FB)/skipped; \
	else $(MAKE) --no-print-directory $(FUZZ_BINS); fi

# Fuzz every harness for FUZZ_SECONDS; findings go to FUZZ_ARTIFACTS.
FUZZ_ARTIFACTS ?= $(FB)/findings
fuzz: fuzz-build
	@if [ -f $(FB)/skipped ]; then \
	  echo "make fuzz: $$(cat $(FB)/skipped)" >&2; exit 1; fi
	@sh tests/fuzz/fuzz.sh $(FB) $(FUZZ_SECONDS) $(FUZZ_ARTIFACTS) \
	    $(FUZZ_HARNESSES)

# The benchmark programs are built too (not run), so they cannot rot.
check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory WERROR=-Werror all $(B)/unit \
	    $(SB)/unit $(TOOLS:%=$(SB)/%) $(BENCH_GEN) $(B)/csvpass \
	    $(B)/fmtbench
	@$(MAKE) --no-print-directory WERROR=-Werror clang-check
	@$(MAKE) --no-print-directory WERROR=-Werror fuzz-build
	@sh tests/run.sh

bench:
	@$(DEPS_ENV) sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all $(BENCH_GEN) $(B)/csvpass
	@sh tests/bench/run.sh

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	for t in $(TOOLS); do \
	  install -m 755 $(B)/$$t $(DESTDIR)$(PREFIX)/bin/$$t; \
	  install -m 644 man/$$t.1 $(DESTDIR)$(PREFIX)/share/man/man1/$$t.1; \
	done

clean:
	rm -rf $(B) demo-out

FORCE:

.PHONY: all deps check bench demo install clean clang-check fuzz fuzz-build \
    FORCE
