"""Facts from article text: cleaning, sentences, recognizers per fact type."""
