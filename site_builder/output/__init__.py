"""Stage 6, writing: the finished site into a fresh folder, swapped in atomically; single-file updates for `serve`."""
