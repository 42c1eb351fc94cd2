"""thidua: Vietnamese emulation and commendation news as a structured history."""
__version__ = "0.1.0"
