"""Pure rules: no Qt, no SQL, no PDF."""
