// Tests (and the processes they spawn with the test's environment) record runs in memory unless they
// name a store: the default SQLite file under ./data would be shared by every test started in the same
// folder, and a host would resume another test's runs. Tests of the durable stores set RUN_STORE.
process.env.RUN_STORE ??= 'memory';
