# CertDesk build. `make run` and `make test` work on a fresh Debian machine
# as root: they install what they need first (scripts/deps.sh).
#
# GOFLAGS from the environment (e.g. -buildvcs=false) is left alone; flags
# we need are passed on the command line.

GO      ?= go
BIN     := bin
# Fyne: plain `go build` does not read FyneApp.toml; this tag is its
# [Migrations] fyneDo = true.
GUITAGS := migrated_fynedo
DATA    ?=

# Fyne logs a locale error under LANG=C (or no LANG): fall back to English
# there. Tests always run in English.
ifneq ($(filter-out C POSIX C.UTF-8 C.utf8,$(LANG)),)
UILANG := $(LANG)
else
UILANG := en_US.UTF-8
endif
TESTENV := LANG=en_US.UTF-8

.PHONY: all deps build cli run test check lint clean screenshots bench

all: build cli

deps:
	@bash scripts/deps.sh

# The desktop app: cgo and the GLFW driver (the first build takes minutes).
build: deps
	CGO_ENABLED=1 $(GO) build -tags $(GUITAGS) -o $(BIN)/certdesk .

# The command line tool: pure Go.
cli: deps
	CGO_ENABLED=0 $(GO) build -o $(BIN)/certctl ./cmd/certctl

# Opens the app on its default data folder (or DATA=dir).
run: deps build
	LANG=$(UILANG) ./$(BIN)/certdesk $(if $(DATA),--data "$(DATA)")

# The race detector slows the app's screen tests about fivefold: on a
# shared 2-core machine the app package alone has taken over 9 minutes,
# past go test's default 10-minute limit per package; 25 minutes leaves
# room while still stopping a test that hangs.
test: deps
	$(GO) vet ./...
	$(TESTENV) CGO_ENABLED=1 $(GO) test -race -timeout 25m -tags $(GUITAGS) ./...
	@$(MAKE) --no-print-directory build cli
	$(TESTENV) bash scripts/window-test.sh

# The inner loop (under 3 minutes): vet, gofmt, and the domain, storage and
# CLI tests without the race detector, the crash test in its short form.
# `make test` remains the gate: it adds the race detector, the app's
# screens and the real window.
check: deps
	$(GO) vet -tags $(GUITAGS) ./...
	@unformatted=$$(gofmt -l . 2>&1); \
	if [ -n "$$unformatted" ]; then echo "gofmt: these files need formatting (gofmt -w):"; echo "$$unformatted"; exit 1; fi
	$(TESTENV) CGO_ENABLED=0 $(GO) test -short ./audit/... ./certification/... ./storage/... ./cmd/...

# A PNG of every workspace of the real app on demo data, in docs/screenshots/.
screenshots: build cli
	$(TESTENV) bash scripts/screenshots.sh

# Benchmarks on a 10,000-client demo folder (see BENCHMARKS.md).
BENCHDATA ?= /tmp/certdesk-bench-10k
bench: cli
	@test -f $(BENCHDATA)/MANIFEST || ./$(BIN)/certctl demo --data $(BENCHDATA) --clients 10000 --seed 1 --today 2026-11-24
	CERTDESK_BENCH_DATA=$(BENCHDATA) $(GO) test -run '^$$' -bench . -benchmem ./certification ./storage ./storage/xlsx
	$(TESTENV) CERTDESK_BENCH_DATA=$(BENCHDATA) $(GO) test -tags $(GUITAGS) -run '^$$' -bench OpenWorkspace -benchmem ./app

lint: deps
	$(GO) vet ./...
	@unformatted=$$(gofmt -l . 2>&1); \
	if [ -n "$$unformatted" ]; then echo "gofmt: these files need formatting (gofmt -w):"; echo "$$unformatted"; exit 1; fi

clean:
	rm -rf $(BIN)
