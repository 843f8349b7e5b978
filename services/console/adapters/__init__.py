"""The console's adapters: its accounts database, argon2, the services' HTTP APIs."""
