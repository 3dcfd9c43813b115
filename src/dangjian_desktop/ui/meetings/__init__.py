"""The meetings module's screens: the page, its tabs and its dialogs."""
