"""Where netbook keeps things: the data dir (store, journal, atomic files, lock, migrations), the config file, the shipped data.

Never Textual (checked by import-linter).
"""
