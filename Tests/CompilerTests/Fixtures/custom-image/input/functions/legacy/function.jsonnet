// A custom runtime image (Kubeless --runtime-image): no init containers, no ConfigMap, the image
// carries the code; the FUNC_* env still describes the handler.
{
  image: 'example/legacy-fn@sha256:' + std.join('', std.repeat(['9'], 64)),
  runtime: 'python3.12',
  handler: 'app.main',
}
