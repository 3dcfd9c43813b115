from dangjian_desktop.app import main

raise SystemExit(main())
