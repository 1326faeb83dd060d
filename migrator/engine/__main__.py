from migrator.engine.cli import main

raise SystemExit(main())
