"""Stage 2, the editors' checks across sources: translation parity, figures in the commentary against the
data, and links."""
