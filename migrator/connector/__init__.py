"""The one door to TrueConf Server for chat work (the only package that imports ``trueconf``)."""
