"""Rules over typed records. See catalog.py for the registry and engine.py for running them."""
