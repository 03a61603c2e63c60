"""netbook: a terminal notebook for networking and informational meetings."""

import os

__version__ = "0.1.0"

# A pydantic plugin (any installed package can register one through an entry point) is
# handed every record netbook validates, notes included; and looking for plugins reads the
# metadata of every installed package on each start. netbook's data stays on the machine
# and out of other code's hands: pydantic runs without plugins here (tests/test_privacy_plugins.py).
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
