"""Stage 6, writing: the atomic writer and the build cache."""
