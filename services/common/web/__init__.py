"""What both services' HTTP edges share: the app factory, tokens, problems, limits,
request metadata, the access log's middleware and the operator endpoints."""
