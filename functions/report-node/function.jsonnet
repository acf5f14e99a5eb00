// A scheduled function: every weekday at 06:30 the CronJob POSTs the payload to it. Per
// environment: hourly in staging, a bigger payload in prod (`kfn build --env prod`).
local env = std.extVar('env');

{
  runtime: 'nodejs22',
  handler: 'report.handler',
  timeout: 120,
  schedule: {
    cron: if env == 'staging' then '@hourly' else '30 6 * * 1-5',
    payload: { report: 'daily', recipients: if env == 'prod' then ['ops@example.com', 'finance@example.com'] else ['ops@example.com'] },
    timeZone: 'Europe/Berlin',
  },
  verify: [
    {
      name: 'builds the report',
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/json' },
      body: '{"report": "daily"}',
      expect: { status: 200, contains: 'daily' },
    },
  ],
}
