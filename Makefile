# kfn — `make` builds kfn and regenerates out/; `make test` runs every test; `make bench` measures.
# Both install what is missing: Debian packages through apt-get when run as root, Python tools in
# a virtual environment under .venv/.

SWIFT        ?= swift
KFN          := .build/debug/kfn
VENV         := .venv
PY_TOOLS     := kubernetes-validate==1.37.0 checkov==3.2.533
# The Kubernetes versions whose schemas out/ is checked against: the oldest kfn supports and a current one.
K8S_VERSIONS ?= 1.25.0 1.33.0
# Environments built besides the default one (out/ itself): out/<env>/ for each.
ENVS         ?= staging prod

BUILD_DEBS   := libjsonnet-dev jsonnet libmimalloc-dev
TEST_DEBS    := $(BUILD_DEBS) librdkafka-dev kcat ruby nodejs prometheus diffutils
# The toolchains `kfn verify --local` runs the functions' install steps and CronJob calls with.
VERIFY_DEBS  := python3 python3-pip nodejs ruby ruby-bundler curl coreutils

.PHONY: all build generate test check-out validate-out pod-security kustomize-out verify verify-local verify-deps deps test-deps clean \
        bench bench-compiler bench-runtime bench-kafka bench-deps build-release \
        build-release-glibc bench-allocator

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
	$(MAKE) --no-print-directory check-out validate-out pod-security kustomize-out verify-local

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

# Pod Security "restricted" for every pod template in out/, checked by checkov's Kubernetes checks.
# Skipped checks, each on purpose (README, "Pod Security"):
#   CKV_K8S_21  default namespace: the namespace is the function author's choice (Kubeless default).
#   CKV_K8S_43  image digests: the shipped catalog's images are placeholders; `kfn build --strict` enforces digests.
#   CKV_K8S_15  pull policy Always: images are meant to be pinned by digest, where IfNotPresent is exact.
#   CKV_K8S_40  UID above 10000: Kubeless runtime images and their volumes expect uid/fsGroup 1000.
#   CKV2_K8S_6  NetworkPolicy per pod: network policy is cluster policy, outside a function's objects.
#   CKV_K8S_35  secrets as files: `secretEnv` is an explicit, documented choice of the function author.
CHECKOV_SKIP := CKV_K8S_21,CKV_K8S_43,CKV_K8S_15,CKV_K8S_40,CKV2_K8S_6,CKV_K8S_35
pod-security:
	BC_SKIP_MAPPING=TRUE $(VENV)/bin/checkov -d out --framework kubernetes --skip-check $(CHECKOV_SKIP) --compact --quiet --skip-download

# As users apply it: `kubectl kustomize` must render every kustomization (skipped without kubectl).
kustomize-out:
	@if command -v kubectl >/dev/null; then \
	  for d in out $(addprefix out/,$(ENVS)); do \
	    n=$$(kubectl kustomize $$d | grep -c '^kind:') || exit 1; echo "kubectl kustomize $$d: $$n objects"; \
	  done; \
	else echo "kubectl not installed: kustomize check skipped"; fi

verify-deps: deps
	@scripts/ensure-debs $(VERIFY_DEBS)
	@# npm ships inside NodeSource's nodejs package and separately in Debian's: only ask when missing.
	@command -v npm >/dev/null || scripts/ensure-debs npm

# Every example function, run from out/ on this machine (docs/verify.md): installs from PyPI, no cluster.
verify-local: verify-deps build
	$(SWIFT) build --product kfn-runtime
	$(KFN) verify --local

# The same cases against the cluster of the current kubeconfig (kubectl apply -k out/).
verify: build
	$(KFN) verify --cluster

# kfn-runtime under wrk, against nginx as the ceiling (BENCHMARKS.md, "kfn-runtime").
bench-runtime: test-deps
	@scripts/ensure-debs wrk nginx-light curl
	bench/runtime.sh

# kfn-runtime consume end to end (mock cluster → consumer → function), against kcat as the ceiling.
bench-kafka: test-deps
	bench/kafka.sh

# Benchmarks run on a release build, in their own virtual environment and work folder (both
# git-ignored under bench-work/), so they never disturb the test tools or out/.
KFN_RELEASE   := .build-release/release/kfn
BENCH_WORK    := bench-work
BENCH_VENV    := $(BENCH_WORK)/venv
BENCH_DEBS    := $(BUILD_DEBS) hyperfine time
BENCH_TOOLS   := gojsonnet==0.22.0
BENCH_SIZES   ?= 1000,10000
BENCH_RUNS    ?= 3

build-release: deps
	$(SWIFT) build -c release --product kfn --scratch-path .build-release

bench-deps: deps
	@scripts/ensure-debs $(BENCH_DEBS)
	@scripts/ensure-venv $(BENCH_VENV) $(BENCH_TOOLS)

bench: bench-compiler

# The same kfn with glibc's malloc instead of mimalloc, for bench-allocator.
KFN_GLIBC     := .build-release-glibc/release/kfn
build-release-glibc: deps
	$(SWIFT) build -c release --product kfn --scratch-path .build-release-glibc -Xswiftc -DKFN_SYSTEM_ALLOCATOR

# Cold builds with mimalloc against glibc's malloc, in one invocation (BENCH_SIZES, BENCH_RUNS).
bench-allocator: bench-deps build-release build-release-glibc
	KFN=$(KFN_RELEASE) KFN_GLIBC=$(KFN_GLIBC) BENCH_SIZES=$(BENCH_SIZES) BENCH_RUNS=$(BENCH_RUNS) \
	  BENCH_WORK=$(BENCH_WORK) bench/allocator.sh

# kfn build (cold, nothing changed, one function changed) against go-jsonnet and `cp -r` at each
# size, in one invocation; the table also goes to bench-work/compiler.md (see BENCHMARKS.md).
bench-compiler: bench-deps build-release
	$(BENCH_VENV)/bin/python bench/compiler.py --kfn $(KFN_RELEASE) --python $(BENCH_VENV)/bin/python \
	  --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --work $(BENCH_WORK) --markdown $(BENCH_WORK)/compiler.md

clean:
	rm -rf .build
