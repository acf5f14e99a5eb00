// Imported by `kfn import` from Function default/report in kubeless.yaml:99 (.items[1]).
// Edit freely: this file is the function's definition from now on.
{
  runtime: "nodejs22",
  handler: "report.handler",
  timeout: 120,
  schedule: {
    cron: "30 6 * * 1-5",
    payload: {
      recipients: ["ops@example.com"],
      report: "daily",
    },
  },
}
