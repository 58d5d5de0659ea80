# The toolkit: gridify and caseflow (later partscore, rankcity).
#
#   make demo     install what is missing, build, run the demo on bundled data
#   make check    install what is missing, build, run every test (also under
#                 AddressSanitizer and UndefinedBehaviorSanitizer)
#   make bench    benchmarks (prints throughput and peak memory)
#   make install PREFIX=/usr/local

VERSION  = 0.1.0
PREFIX  ?= /usr/local
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
XCFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -DVERSION='"$(VERSION)"' $(WARN)
LIBS     = -lgeos_c -ljansson -lcsv -lgsl -lgslcblas -lm -lpthread
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

TOOLS    = gridify caseflow rankcity
LIBSRC   = lib/util.c lib/csvio.c lib/parse.c lib/pip.c lib/geo.c lib/gridify.c \
           lib/workcal.c lib/stats.c lib/stage.c lib/rules.c \
           lib/chart.c lib/caseflow.c lib/rankcity.c lib/rcrun.c \
           lib/rcaudit.c
HDRS     = $(wildcard lib/*.h)
UNITSRC  = $(wildcard tests/unit/*.c)

B  = build
SB = build/asan

all: $(TOOLS:%=$(B)/%)

$(B)/%: cmd/%.c $(LIBSRC) $(HDRS)
	@mkdir -p $(B)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ cmd/$*.c $(LIBSRC) $(LIBS)

$(SB)/%: cmd/%.c $(LIBSRC) $(HDRS)
	@mkdir -p $(SB)
	$(CC) $(XCFLAGS) $(SANFLAGS) -o $@ cmd/$*.c $(LIBSRC) $(LIBS)

$(B)/unit: $(UNITSRC) $(LIBSRC) $(HDRS)
	@mkdir -p $(B)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ $(UNITSRC) $(LIBSRC) $(LIBS)

$(SB)/unit: $(UNITSRC) $(LIBSRC) $(HDRS)
	@mkdir -p $(SB)
	$(CC) $(XCFLAGS) $(SANFLAGS) -o $@ $(UNITSRC) $(LIBSRC) $(LIBS)

$(B)/gengrid: scripts/gengrid.c
	@mkdir -p $(B)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ scripts/gengrid.c -lm

$(B)/gencases: scripts/gencases.c
	@mkdir -p $(B)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ scripts/gencases.c -lm

$(B)/genindex: scripts/genindex.c
	@mkdir -p $(B)
	$(CC) -std=c11 -O2 -Wall -Wextra -o $@ scripts/genindex.c -lm

$(B)/csvpass: tests/bench/csvpass.c $(LIBSRC) $(HDRS)
	@mkdir -p $(B)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ tests/bench/csvpass.c $(LIBSRC) $(LIBS)

$(B)/runstat: tests/bench/runstat.c
	@mkdir -p $(B)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ tests/bench/runstat.c

deps:
	@sh scripts/deps.sh build

# Compile with clang too when it is there: no warnings under either.
clang-check:
	@if command -v clang >/dev/null 2>&1; then \
	  echo "clang -fsyntax-only $(WARN)"; \
	  clang $(XCFLAGS) -Werror -fsyntax-only cmd/*.c $(LIBSRC) $(UNITSRC); \
	else echo "clang not installed: skipping the clang warning check"; fi

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory CFLAGS="$(CFLAGS) -Werror" all $(B)/unit $(B)/gengrid
	@$(MAKE) --no-print-directory $(TOOLS:%=$(SB)/%) $(SB)/unit
	@$(MAKE) --no-print-directory clang-check
	@sh tests/run.sh

bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all $(B)/gengrid $(B)/gencases $(B)/genindex $(B)/csvpass $(B)/runstat
	@sh scripts/bench.sh

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

.PHONY: all deps check bench demo install clean clang-check
