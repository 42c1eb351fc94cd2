"""Kept where it was first published: tools outside the project (evaluation runners among
them) import `thidua.crawler.decode`. The decoder itself lives in thidua.extract.decode,
where both the crawler and the extractor can import it."""
from thidua.extract.decode import Decoded, canonical_encoding, decode_page, looks_vietnamese

__all__ = ["Decoded", "canonical_encoding", "decode_page", "looks_vietnamese"]
