# kfn — `make` builds kfn and regenerates out/; `make test` runs every test.
# Both install what is missing: Debian packages through apt-get when run as root, Python tools in
# a virtual environment under .venv/.

SWIFT        ?= swift
KFN          := .build/debug/kfn
VENV         := .venv
PY_TOOLS     := kubernetes-validate==1.37.0
# The Kubernetes version whose schemas out/ is checked against (the oldest kfn supports is 1.25).
K8S_VERSION  ?= 1.31.0

BUILD_DEBS   := libjsonnet-dev jsonnet
TEST_DEBS    := $(BUILD_DEBS) librdkafka-dev kcat ruby nodejs prometheus diffutils

.PHONY: all build generate test swift-test check-out validate-out deps test-deps clean

all: generate

deps:
	@scripts/ensure-debs $(BUILD_DEBS)

test-deps: deps
	@scripts/ensure-debs $(TEST_DEBS)
	@scripts/ensure-venv $(VENV) $(PY_TOOLS)

build: deps
	$(SWIFT) build --product kfn

generate: build
	$(KFN) build

test: test-deps build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory check-out validate-out

# The GitOps gate: the committed out/ must be exactly what the inputs produce.
check-out:
	$(KFN) build --check

# Every object in out/ against the Kubernetes schemas, unknown fields rejected.
validate-out:
	$(VENV)/bin/kubernetes-validate --strict --quiet -k $(K8S_VERSION) $$(find out -mindepth 2 -name '*.yaml' | sort)

clean:
	rm -rf .build
