from dangjian_desktop.startup import gui

raise SystemExit(gui())
