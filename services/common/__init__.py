"""What both services share at their edges: settings, authentication, errors, operations.

Nothing here knows a case or an institution; the two services never import each other.
"""
