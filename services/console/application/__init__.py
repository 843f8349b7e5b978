"""The console's use cases: signing in and out, accounts; ports its adapters implement."""
