// A schedule with a JSON payload (POST), a time zone and Replace; the payload contains a '$' and a quote.
{ runtime: 'python3.12', handler: 'main.handler', timeout: 600,
  schedule: { cron: '0 2 * * *', payload: { job: "it's $(nightly)", n: 1 }, concurrencyPolicy: 'Replace', timeZone: 'UTC' } }
