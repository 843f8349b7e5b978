"""One handler per registry command, and the read side's use cases."""
