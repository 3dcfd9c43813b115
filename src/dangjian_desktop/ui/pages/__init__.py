"""ui/pages layer."""
