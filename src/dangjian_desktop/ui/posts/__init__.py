"""The posts module's screens: the page, its tabs and its dialogs."""
