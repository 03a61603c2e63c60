"""netbook: a terminal notebook for networking and informational meetings."""

__version__ = "0.1.0"
