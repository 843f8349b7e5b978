"""What the console decides without I/O: accounts, lockout, TOTP, Chinese labels."""
