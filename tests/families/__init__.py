"""Sheet families that exist only in the tests (examples of extending the registry)."""
