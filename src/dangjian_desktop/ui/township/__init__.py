"""The township reports page (a township login only): its tabs and its chart."""
