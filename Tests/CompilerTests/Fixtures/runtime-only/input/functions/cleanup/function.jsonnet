// Neither phase: only the prepare step lays the file out.
{ runtime: 'plain1.0', handler: 'run.main' }
