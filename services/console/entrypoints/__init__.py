"""The console's web edge: the app, its pages, templates and static files."""
