# The Kubeless runtime catalog, in the layout and syntax of kubeless/runtimes (stable + incubator).
# Image digests here are placeholders; the structure, IDs, versions, phases and commands follow
# the published catalog.
# Stable
local ballerina = import "./stable/ballerina/ballerina.jsonnet";
local dotnetcore = import "./stable/dotnetcore/dotnetcore.jsonnet";
local golang = import "./stable/golang/golang.jsonnet";
local java = import "./stable/java/java.jsonnet";
local nodejs = import "./stable/nodejs/nodejs.jsonnet";
local php = import "./stable/php/php.jsonnet";
local python = import "./stable/python/python.jsonnet";
local ruby = import "./stable/ruby/ruby.jsonnet";
# Incubator
local jvm = import "./incubator/jvm/jvm.jsonnet";
local nodejs_distroless = import "./incubator/nodejs_distroless/nodejs_distroless.jsonnet";
local nodejs_ce = import "./incubator/nodejs_ce/nodejs_ce.jsonnet";
local vertx = import "./incubator/vertx/vertx.jsonnet";

[ballerina, dotnetcore, golang, java, nodejs, php, python, ruby, jvm, nodejs_distroless, nodejs_ce, vertx,]
