"""The console (工作台): server-rendered Chinese workspaces over the services' public APIs."""
