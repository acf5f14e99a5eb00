// A bare cron string: GET every five minutes, concurrencyPolicy Forbid.
{ runtime: 'python3.12', handler: 'main.handler', schedule: '*/5 * * * *' }
