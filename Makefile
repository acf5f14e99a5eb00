# kfn — `make` builds kfn and regenerates out/; `make test` runs every test.
# Both install what is missing: Debian packages through apt-get when run as root, Python tools in
# a virtual environment under .venv/.

SWIFT        ?= swift
KFN          := .build/debug/kfn
VENV         := .venv
PY_TOOLS     := kubernetes-validate==1.37.0
# The Kubernetes versions whose schemas out/ is checked against: the oldest kfn supports and a current one.
K8S_VERSIONS ?= 1.25.0 1.33.0
# Environments built besides the default one (out/ itself): out/<env>/ for each.
ENVS         ?= staging prod

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
	@for e in $(ENVS); do $(KFN) build --env $$e || exit 1; done

test: test-deps build
	$(SWIFT) test
	$(MAKE) --no-print-directory check-out validate-out

# The GitOps gate: the committed out/ must be exactly what the inputs produce.
check-out:
	$(KFN) build --check
	@for e in $(ENVS); do $(KFN) build --check --env $$e || exit 1; done

# Every object in out/ against the Kubernetes schemas, unknown fields rejected.
validate-out:
	@files=$$(find out -name '*.yaml' ! -name kustomization.yaml | sort); \
	for v in $(K8S_VERSIONS); do \
	  echo "kubernetes-validate --strict -k $$v: $$(echo $$files | wc -w) files"; \
	  $(VENV)/bin/kubernetes-validate --strict --quiet --no-warn -k $$v $$files || exit 1; \
	done

clean:
	rm -rf .build
